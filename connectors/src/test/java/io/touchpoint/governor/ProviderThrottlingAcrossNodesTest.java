package io.touchpoint.governor;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.touchpoint.testapp.ClusterNode;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import io.touchpoint.testapp.JourneyTestApplication;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL share Twilio's rate limit and its 429 pauses: the fake Twilio logs when each request
 * arrived, and no second of that log holds more requests than the limit, however the journeys are spread over the
 * nodes; after a 429 with Retry-After, no node calls Twilio until it has passed, and the throttled send goes out
 * once afterwards, without an incident.
 */
class ProviderThrottlingAcrossNodesTest {

  private static final int LIMIT = 5;
  private static final Duration WINDOW = Duration.ofSeconds(1);
  /** How often a node reads another node's pause: a call already past that check may still go out. */
  private static final Duration PAUSE_REFRESH = Duration.ofMillis(200);
  /** Calls already past their node's last look at the pause when it began: gone out within two reads of it. */
  private static final Duration CALLS_UNDER_WAY = PAUSE_REFRESH.multipliedBy(2).plusMillis(100);
  private static final String MESSAGES_PATH = "/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json";
  private static final TwilioMessagesFake MESSAGES = new TwilioMessagesFake();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static WireMockServer twilio;
  private static ConfigurableApplicationContext first;
  private static ConfigurableApplicationContext second;

  @BeforeAll
  static void startTwoNodesOnOneDatabase() throws Exception {
    twilio = new WireMockServer(wireMockConfig().dynamicPort().extensions(MESSAGES));
    twilio.start();
    String[] properties = nodeProperties().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    first = new SpringApplicationBuilder(JourneyTestApplication.class).properties(properties).run();
    first.getBean(ProcessEngine.class).getRepositoryService().createDeployment()
        .addClasspathResource("bpmn/send-with-hook.bpmn").deploy();
    second = new SpringApplicationBuilder(JourneyTestApplication.class).properties(properties).run();
    // each node's first call sets up its connections; then a 429 is read as fast as any answer
    twilio.stubFor(post(urlPathMatching(MESSAGES_PATH)).willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    startJourneys("warm", 2);
    awaitMessages(2);
  }

  private static Map<String, String> nodeProperties() {
    Map<String, String> properties = ClusterNode.properties(EmbeddedPostgresDatabase.newDatabase(),
        twilio.baseUrl());
    properties.put("camunda.bpm.job-execution.max-wait", "500");
    properties.put("touchpoint.governor.rate-limits.twilio", LIMIT + "/" + WINDOW.toSeconds() + "s");
    properties.put("touchpoint.governor.throttle-refresh", PAUSE_REFRESH.toMillis() + "ms");
    return properties;
  }

  @AfterAll
  static void stop() throws Exception {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {second, first}) {
      if (node != null) {
        node.close();
      }
    }
    if (twilio != null) {
      twilio.stop();
    }
  }

  @BeforeEach
  void twilioAcceptsMessages() {
    twilio.resetAll();
    MESSAGES.clear();
    twilio.stubFor(post(urlPathMatching(MESSAGES_PATH)).atPriority(5)
        .willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
  }

  @Test
  void noWindowOfTheLimitsDurationHoldsMoreCallsThanItsCountOverBothNodes() {
    int journeys = 30;
    startJourneys("limit", journeys);

    awaitMessages(journeys);

    List<Long> arrivals = sendRequests("limit").stream().map(event -> event.getRequest().getLoggedDate().getTime())
        .sorted().toList();
    assertThat(arrivals).hasSize(journeys);
    for (long start : arrivals) {
      long inWindow = arrivals.stream().filter(t -> t >= start && t < start + WINDOW.toMillis()).count();
      assertThat(inWindow).as("calls in the second from %d", start).isLessThanOrEqualTo(LIMIT);
    }
    assertEachContactGotOneMessage("limit", journeys);
  }

  @Test
  void a429PausesTwilioForEveryNodeForItsRetryAfterAndTheThrottledSendGoesOutOnceAfterwards() {
    twilio.stubFor(post(urlPathMatching(MESSAGES_PATH)).atPriority(1)
        .inScenario("throttle").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled once")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    int journeys = 12;
    startJourneys("pause", journeys);

    awaitMessages(journeys);

    List<ServeEvent> requests = sendRequests("pause");
    ServeEvent throttled = requests.stream().filter(event -> event.getResponse().getStatus() == 429)
        .findFirst().orElseThrow();
    // the pause starts when the node reads the 429: from the moment it was answered
    long pausedAt = throttled.getRequest().getLoggedDate().getTime() + throttled.getTiming().getTotalTime();
    List<Long> duringPause = requests.stream().map(event -> event.getRequest().getLoggedDate().getTime())
        .filter(t -> t > pausedAt + CALLS_UNDER_WAY.toMillis() && t < pausedAt + 2_000).toList();
    assertThat(duringPause).as("calls to Twilio while it was paused").isEmpty();
    // calls made at the same moment may all find the fake still throttling: each is retried, none sent twice
    assertThat(requests.stream().filter(event -> event.getResponse().getStatus() == 201)).hasSize(journeys);
    assertEachContactGotOneMessage("pause", journeys);
  }

  private static void startJourneys(String prefix, int journeys) {
    int[] ports = {port(first), port(second)};
    for (int i = 0; i < journeys; i++) {
      String event = """
          {"name":"test.hook","id":"%s-%d","contact":{"id":"%s-%d","phone":"%s","firstName":"Kim"}}"""
          .formatted(prefix, i, prefix, i, phone(prefix, i));
      HttpResponse<Void> started = call(HttpRequest.newBuilder(URI.create("http://localhost:" + ports[i % 2]
              + "/api/events")).header("Content-Type", "application/json").header("Authorization", "Bearer test-key")
          .POST(HttpRequest.BodyPublishers.ofString(event)).build());
      assertThat(started.statusCode()).isEqualTo(202);
    }
  }

  private static void awaitMessages(int journeys) {
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
        .until(() -> MESSAGES.messages().size() >= journeys);
  }

  /**
   * The sends to this test's contacts. WireMock journals a request after its response transformer ran, and the fake
   * records the message in the transformer: the warm-up's two sends may be journaled after this test's reset.
   */
  private static List<ServeEvent> sendRequests(String prefix) {
    String to = "To=" + URLEncoder.encode(phone(prefix, 0).substring(0, 6), StandardCharsets.UTF_8);
    return twilio.getAllServeEvents().stream().filter(event -> event.getRequest().getMethod().getName().equals("POST")
            && event.getRequest().getBodyAsString().contains(to))
        .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate())).toList();
  }

  private static void assertEachContactGotOneMessage(String prefix, int journeys) {
    Map<String, Long> perPhone = MESSAGES.messages().stream()
        .collect(Collectors.groupingBy(TwilioMessagesFake.Message::to, Collectors.counting()));
    assertThat(perPhone).hasSize(journeys).allSatisfy((phone, count) -> assertThat(count).isOne());
    JdbcTemplate jdbc = first.getBean("touchpointJdbcTemplate", JdbcTemplate.class);
    Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
        "select count(*) from tp_delivery where contact_id like ? and outcome = 'ACCEPTED'", Long.class,
        prefix + "-%")).isEqualTo(journeys));
    assertThat(first.getBean(ProcessEngine.class).getRuntimeService().createIncidentQuery().count()).isZero();
  }

  private static String phone(String prefix, int i) {
    return "+1555" + (prefix.equals("limit") ? "1" : prefix.equals("pause") ? "2" : "3") + "%06d".formatted(i);
  }

  private static int port(ConfigurableApplicationContext node) {
    return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
  }

  private static HttpResponse<Void> call(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
