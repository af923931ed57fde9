package io.touchpoint.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/analytics}: API keys, parameters refused by name, JSON and CSV shapes. */
class AnalyticsApiTest extends JourneyTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private String key;

  /** One instance of a journey whose name needs quoting in CSV, started 2030-03-01 at 09:30 UTC. */
  @BeforeEach
  void oneJourneyStarted() throws IOException {
    key = "analytics-api-" + UUID.randomUUID().toString().substring(0, 8);
    try (var in = getClass().getClassLoader().getResourceAsStream("bpmn/analytics/outcomes.bpmn")) {
      String bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("id=\"analytics-outcomes\"", "id=\"" + key + "\"")
          .replace("name=\"Analytics outcomes\"", "name=\"Offers, &quot;spring&quot; edition\"");
      repositoryService.createDeployment().addString(key + ".bpmn", bpmn).deploy();
    }
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.parse("2030-03-01T09:30:00Z")));
    runDueJobs(runtimeService.startProcessInstanceByKey(key, "contact-" + UUID.randomUUID(),
        Map.of("phone", "+15557770001", "answer", "yes", "crmUrl", TWILIO.baseUrl() + "/crm")));
  }

  @Test
  void everyEndpointWantsAnApiKey() {
    for (String path : List.of("/api/analytics/journeys", "/api/analytics/journeys.csv",
        "/api/analytics/journeys/" + key, "/api/analytics/journeys/" + key + "/components.csv")) {
      HttpResponse<String> anonymous = get(path, null);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "wrong-key").statusCode()).as(path).isEqualTo(401);
    }
  }

  @Test
  void journeyListAndReportAreJson() throws IOException {
    HttpResponse<String> list = get("/api/analytics/journeys?from=2030-03-01&to=2030-03-02T00:00:00Z", "test-key");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode journey = null;
    for (JsonNode node : json.readTree(list.body()).get("journeys")) {
      if (node.get("key").asText().equals(key)) {
        journey = node;
      }
    }
    assertThat(journey).isNotNull();
    assertThat(journey.get("started").asLong()).isEqualTo(1);
    assertThat(journey.get("active").asLong()).isEqualTo(1);
    assertThat(journey.get("versions").toString()).isEqualTo("[1]");

    HttpResponse<String> report = get("/api/analytics/journeys/" + key
        + "?version=1&from=2030-03-01T09:00:00Z&to=2030-03-01T12:00:00%2B00:00&machineOpens=true", "test-key");
    assertThat(report.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(report.body());
    assertThat(body.at("/summary/started").asLong()).isEqualTo(1);
    assertThat(body.at("/timeline/0/start").asText()).isEqualTo("2030-03-01T09:00:00Z");
    assertThat(body.at("/timeline/0/started").asLong()).isEqualTo(1);
    assertThat(body.at("/timeline").size()).isEqualTo(3);
    assertThat(body.at("/components/0/activityId").asText()).isEqualTo("Text");
    assertThat(body.at("/components/0/kind").asText()).isEqualTo("SMS");
    assertThat(body.at("/components/0/counts/sent").asLong()).isEqualTo(1);
    assertThat(body.at("/branches/0/sourceId").asText()).isEqualTo("TextOutcome");
    assertThat(body.at("/branches/0/share").isNumber()).isTrue();
  }

  @Test
  void badParametersAreRefusedNamingTheirField() throws IOException {
    assertProblem(get("/api/analytics/journeys?from=yesterday", "test-key"), 400, "from");
    assertProblem(get("/api/analytics/journeys.csv?to=2030-13-01", "test-key"), 400, "to");
    assertProblem(get("/api/analytics/journeys?from=2030-03-02&to=2030-03-01", "test-key"), 400, "to");
    assertProblem(get("/api/analytics/journeys/" + key + "?version=two", "test-key"), 400, "version");
    assertProblem(get("/api/analytics/journeys/" + key + "?version=0", "test-key"), 400, "version");
    assertProblem(get("/api/analytics/journeys/" + key + "?machineOpens=maybe", "test-key"), 400, "machineOpens");
    assertProblem(get("/api/analytics/journeys/" + key + "/components.csv?version=-1", "test-key"), 400, "version");
  }

  @Test
  void unknownJourneyOrVersionIsNotFound() throws IOException {
    HttpResponse<String> unknown = get("/api/analytics/journeys/no-such-journey-" + key, "test-key");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(get("/api/analytics/journeys/" + key + "?version=9", "test-key").statusCode()).isEqualTo(404);
  }

  @Test
  void journeyListCsvHasStableColumnsAndQuotesWhereNeeded() {
    HttpResponse<String> csv = get("/api/analytics/journeys.csv?from=2030-03-01&to=2030-03-02", "test-key");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        disposition -> assertThat(disposition).startsWith("attachment").contains("journeys.csv"));
    List<String> lines = List.of(csv.body().split("\r\n", -1));
    assertThat(lines.get(0)).isEqualTo("journey_key,journey_name,versions,started,active,completed,drop_offs,"
        + "incidents,goals,conversion_rate,avg_duration_seconds,p90_duration_seconds,held_out");
    assertThat(lines).contains(key + ",\"Offers, \"\"spring\"\" edition\",1,1,1,0,0,0,0,0.0000,,,0");
    assertThat(lines.get(lines.size() - 1)).isEmpty(); // every line ends with CRLF
  }

  @Test
  void componentsCsvHasOneLinePerStepWithTheCountsOfItsKind() {
    HttpResponse<String> csv = get("/api/analytics/journeys/" + key + "/components.csv", "test-key");

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        disposition -> assertThat(disposition).contains(key + "-components.csv"));
    assertThat(csv.body()).isEqualTo(
        "journey_key,activity_id,activity_name,kind,sent,delivered,read,replied,opened,clicked,bounced,"
            + "unsubscribed,failed,sms_fallback,suppressed,suppressed_quiet_hours,suppressed_frequency_cap,"
            + "suppressed_paused,calls,successes,errors,shadow\r\n"
            + key + ",Text,Offer SMS,SMS,1,0,,,,,,,0,,0,0,0,0,,,,0\r\n"
            + key + ",TellCrm,Tell the CRM,WEBHOOK,,,,,,,,,,,,,,,0,0,0,0\r\n");
  }

  private void assertProblem(HttpResponse<String> response, int status, String field) throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
  }

  private HttpResponse<String> get(String path, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
