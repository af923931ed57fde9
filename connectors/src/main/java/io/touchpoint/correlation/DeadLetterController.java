package io.touchpoint.correlation;

import io.touchpoint.correlation.StatusDeadLetters.DeadLetter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dead-letters}: statuses given up on after their last correlation attempt, behind the
 * API keys of {@code /api/*}. An operator fixes the cause (a variable, a new process version, a
 * migration), then retries; or discards one the journey should not get.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

  static final int LISTED = 1000;

  private final StatusDeadLetters deadLetters;
  private final StatusCorrelator correlator;

  public DeadLetterController(StatusDeadLetters deadLetters, StatusCorrelator correlator) {
    this.deadLetters = deadLetters;
    this.correlator = correlator;
  }

  /** The newest {@value #LISTED}, and how many there are. */
  @GetMapping
  public Map<String, Object> list() {
    List<DeadLetter> newest = deadLetters.list(LISTED);
    return Map.of("total", deadLetters.count(), "deadLetters", newest);
  }

  @GetMapping("/{id}")
  public ResponseEntity<?> get(@PathVariable String id) {
    return deadLetters.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> unknown(id));
  }

  /**
   * Waits again with a fresh count of attempts and is correlated at once. {@code result}:
   * {@code correlated}, {@code not-waiting} (the journey moved on meanwhile), or {@code failed}
   * (the cause is still there: retried later, given up on again after the last attempt).
   */
  @PostMapping("/{id}/retry")
  public ResponseEntity<?> retry(@PathVariable String id) {
    return deadLetters.restore(id).<ResponseEntity<?>>map(dead -> {
      StatusCorrelator.Result result = correlator.correlate(dead.deliveryId(), dead.deliveryStatus());
      return ResponseEntity.ok(Map.of("deadLetter", dead,
          "result", result.name().toLowerCase(Locale.ROOT).replace('_', '-')));
    }).orElseGet(() -> unknown(id));
  }

  /** Forgets it: the journey goes on waiting (a timer may still move it); the status stays in the ledger. */
  @DeleteMapping("/{id}")
  public ResponseEntity<?> discard(@PathVariable String id) {
    return deadLetters.discard(id) ? ResponseEntity.noContent().build() : unknown(id);
  }

  private static ResponseEntity<ProblemDetail> unknown(String id) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no dead letter '" + id + "'");
    problem.setType(URI.create("https://touchpoint.io/problems/unknown-dead-letter"));
    problem.setTitle("Unknown dead letter");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }
}
