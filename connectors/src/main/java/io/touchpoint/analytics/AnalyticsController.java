package io.touchpoint.analytics;

import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/analytics}: journey figures as JSON and CSV, behind the API keys of {@code /api/*}. {@code from}
 * and {@code to} are ISO-8601 instants ({@code 2026-11-01T00:00:00Z}, an offset instead of Z is fine) or dates
 * (midnight UTC); both optional, {@code to} exclusive.
 */
@RestController
@RequestMapping("/api/analytics")
public class AnalyticsController {

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final JourneyAnalytics analytics;
  private final AnalyticsCsv csv;

  public AnalyticsController(JourneyAnalytics analytics, AnalyticsCsv csv) {
    this.analytics = analytics;
    this.csv = csv;
  }

  @GetMapping("/journeys")
  public Map<String, List<JourneyMetrics>> journeys(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String machineOpens) {
    return Map.of("journeys", analytics.journeys(range(from, to, machineOpens, null)));
  }

  @GetMapping("/journeys.csv")
  public ResponseEntity<String> journeysCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return attachment("journeys.csv", csv.journeys(analytics.journeys(range(from, to, null, null))));
  }

  @GetMapping("/journeys/{key}")
  public JourneyReport journey(@PathVariable String key, @RequestParam(required = false) String version,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String machineOpens) {
    List<FieldProblem> problems = new ArrayList<>();
    Integer parsedVersion = version(version, problems);
    AnalyticsRange range = range(from, to, machineOpens, problems);
    return analytics.journey(key, parsedVersion, range);
  }

  @GetMapping("/journeys/{key}/components.csv")
  public ResponseEntity<String> componentsCsv(@PathVariable String key,
      @RequestParam(required = false) String version, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String machineOpens) {
    List<FieldProblem> problems = new ArrayList<>();
    Integer parsedVersion = version(version, problems);
    AnalyticsRange range = range(from, to, machineOpens, problems);
    return attachment(key + "-components.csv", csv.components(analytics.journey(key, parsedVersion, range)));
  }

  @ExceptionHandler(UnknownJourneyException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownJourneyException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("https://touchpoint.io/problems/unknown-journey"));
    problem.setTitle("Unknown journey");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  /** Checks every parameter before refusing, so one answer names every bad field. */
  private static AnalyticsRange range(String from, String to, String machineOpens, List<FieldProblem> earlier) {
    List<FieldProblem> problems = earlier == null ? new ArrayList<>() : earlier;
    Instant start = instant("from", from, problems);
    Instant end = instant("to", to, problems);
    boolean includeMachineOpens = false;
    if (machineOpens != null) {
      switch (machineOpens.trim()) {
        case "true" -> includeMachineOpens = true;
        case "false" -> includeMachineOpens = false;
        default -> problems.add(new FieldProblem("machineOpens", "must be true or false"));
      }
    }
    if (start != null && end != null && !start.isBefore(end)) {
      problems.add(new FieldProblem("to", "must be after from"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new AnalyticsRange(start, end, includeMachineOpens);
  }

  private static Instant instant(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException unreadable) {
      problems.add(new FieldProblem(field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z or a date"
          + " such as 2026-11-01, not '" + text + "'"));
      return null;
    }
  }

  private static Integer version(String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int version = Integer.parseInt(value.trim());
      if (version > 0) {
        return version;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, like a version below 1
    }
    problems.add(new FieldProblem("version", "must be a version number (1, 2, ...), not '" + value.trim() + "'"));
    return null;
  }

  private static ResponseEntity<String> attachment(String filename, String body) {
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
