package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Health and metrics as an operator's tools meet them: the health summary for anyone (a load balancer), the
 * touchpoint component with each provider's state and the Prometheus metrics only with a login.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1")
// Spring Boot's tests export no metrics unless asked to
@AutoConfigureObservability
class ActuatorEndpointsTest {

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anyoneGetsTheHealthSummaryButNotItsComponents() throws Exception {
    HttpResponse<String> health = get("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components", "touchpoint");
  }

  @Test
  void aLoggedInCallerSeesEachProvidersState() throws Exception {
    HttpResponse<String> health = get("/actuator/health", "demo:demo");

    assertThat(health.statusCode()).isEqualTo(200);
    // the embedded profile runs the messaging channels on the simulator; webhooks are live
    assertThat(health.body()).contains("\"touchpoint\":{\"status\":\"UP\",\"details\":{\"providers\":{"
        + "\"simulator\":\"up\",\"webhook\":\"up\"}}}");
  }

  @Test
  void healthComponentsAndMetricsNeedALogin() throws Exception {
    assertThat(get("/actuator/health/touchpoint", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    // an unknown user: a wrong password of demo's would lock demo out for a while (Camunda's login delay)
    assertThat(get("/actuator/prometheus", "nobody:demo").statusCode()).isEqualTo(401);
    assertThat(get("/actuator/health", "nobody:demo").statusCode()).isEqualTo(401);
  }

  @Test
  void prometheusExportsSendsHeldSendsCallbackLagAndBacklog() throws Exception {
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(url("/api/events")))
        .header("Content-Type", "application/json").header("Authorization", "Bearer demo-key")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"name":"user.signup","id":"evt-metrics","contact":{"id":"u-metrics","phone":"+15551230000","firstName":"Ana"}}"""))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).isEqualTo(202);

    // the simulator reports "sent" a second after accepting the message: a callback with its lag
    Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
        get("/actuator/prometheus", "demo:demo").body())
        .contains("touchpoint_sends_total{channel=\"sms\",outcome=\"accepted\",provider=\"simulator\"}")
        .contains("touchpoint_callback_lag_seconds_count{provider=\"simulator\"}"));
    String metrics = get("/actuator/prometheus", "demo:demo").body();
    assertThat(metrics).contains("touchpoint_sends_held{reason=\"quiet-hours\"} 0.0",
        "touchpoint_sends_held{reason=\"frequency-cap\"}", "touchpoint_sends_held{reason=\"paused\"}",
        "touchpoint_pipeline_backlog{provider=\"simulator\"}", "# TYPE touchpoint_pipeline_unrecorded gauge");
  }

  private HttpResponse<String> get(String path, String login) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (login != null) {
      request.header("Authorization",
          "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }
}
