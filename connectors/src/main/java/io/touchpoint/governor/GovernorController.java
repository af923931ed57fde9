package io.touchpoint.governor;

import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.delivery.Channel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emergency stop: {@code POST /api/governor/pauses} holds every send in a scope until
 * {@code DELETE /api/governor/pauses/{id}}; {@code GET /api/governor} shows active pauses and held sends.
 */
@RestController
public class GovernorController {

  private static final Pattern JOURNEY_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,254}");

  /** A pause to start. */
  public record PauseRequest(@NotBlank String scope, @Size(max = 500) String reason) {
  }

  /** What is held now. */
  public record State(List<Pause> pauses, List<HeldSends.Count> held) {
  }

  private final Pauses pauses;
  private final HeldSends held;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public GovernorController(Pauses pauses, HeldSends held, StrictJsonReader json, DataSize maxBodySize) {
    this.pauses = pauses;
    this.held = held;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping("/api/governor/pauses")
  public ResponseEntity<Map<String, String>> pause(HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    PauseRequest body = json.read(RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size"), PauseRequest.class);
    Pause pause = pauses.start(checkedScope(body.scope().trim()), body.reason());
    return ResponseEntity.created(URI.create("/api/governor/pauses/" + pause.id())).body(Map.of("id", pause.id()));
  }

  @DeleteMapping("/api/governor/pauses/{id}")
  public ResponseEntity<Void> lift(@PathVariable String id) {
    if (!pauses.lift(id)) {
      throw new NotFoundException("no active pause '" + id + "'");
    }
    held.releasePaused();
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/governor")
  public State state() {
    return new State(pauses.active(), held.counts());
  }

  private static String checkedScope(String scope) {
    if (scope.equals("all")) {
      return scope;
    }
    if (scope.startsWith("channel:") && Channel.fromWireName(scope.substring("channel:".length())).isPresent()) {
      return scope;
    }
    if (scope.startsWith("journey:") && JOURNEY_KEY.matcher(scope.substring("journey:".length())).matches()) {
      return scope;
    }
    throw new InvalidRequestException(List.of(new FieldProblem("scope",
        "must be all, channel:<sms|whatsapp|rcs|email|push|webhook> or journey:<process definition key>")));
  }
}
