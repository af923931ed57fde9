package io.touchpoint.analytics;

import java.net.URI;
import java.nio.charset.StandardCharsets;
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
  private final JourneyExperiments experiments;

  public AnalyticsController(JourneyAnalytics analytics, AnalyticsCsv csv, JourneyExperiments experiments) {
    this.analytics = analytics;
    this.csv = csv;
    this.experiments = experiments;
  }

  @GetMapping("/journeys")
  public Map<String, List<JourneyMetrics>> journeys(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String machineOpens) {
    return Map.of("journeys", analytics.journeys(AnalyticsQuery.read(from, to, machineOpens, null).range()));
  }

  @GetMapping("/journeys.csv")
  public ResponseEntity<String> journeysCsv(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    return attachment("journeys.csv", csv.journeys(analytics.journeys(AnalyticsQuery.read(from, to, null, null).range())));
  }

  @GetMapping("/journeys/{key}")
  public JourneyReport journey(@PathVariable String key, @RequestParam(required = false) String version,
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String machineOpens) {
    AnalyticsQuery query = AnalyticsQuery.read(from, to, machineOpens, version);
    return analytics.journey(key, query.version(), query.range());
  }

  @GetMapping("/journeys/{key}/components.csv")
  public ResponseEntity<String> componentsCsv(@PathVariable String key,
      @RequestParam(required = false) String version, @RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String machineOpens) {
    AnalyticsQuery query = AnalyticsQuery.read(from, to, machineOpens, version);
    return attachment(key + "-components.csv", csv.components(analytics.journey(key, query.version(), query.range())));
  }

  /** The journey's experiments (splits and holdout) at this look, over every version and all time. */
  @GetMapping("/journeys/{key}/experiments")
  public Map<String, List<ExperimentReport>> experiments(@PathVariable String key) {
    return Map.of("experiments", experiments.experiments(key));
  }

  @GetMapping("/journeys/{key}/experiments.csv")
  public ResponseEntity<String> experimentsCsv(@PathVariable String key) {
    return attachment(key + "-experiments.csv", csv.experiments(experiments.experiments(key)));
  }

  @ExceptionHandler(UnknownJourneyException.class)
  ResponseEntity<ProblemDetail> unknown(UnknownJourneyException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("https://touchpoint.io/problems/unknown-journey"));
    problem.setTitle("Unknown journey");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  private static ResponseEntity<String> attachment(String filename, String body) {
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
