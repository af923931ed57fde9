package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.touchpoint.testapp.ClusterNode;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.JourneyTestApplication;
import io.touchpoint.testapp.TwilioMessagesFake;
import io.touchpoint.testapp.TwilioSignatures;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one PostgreSQL, a provider that takes 200 ms to answer, and one node that dies in the middle of a
 * campaign: every journey finishes once, on the node left, and no contact gets a message twice — the sends the dead
 * node had in flight are reconciled with Twilio's own list, its locked jobs expire and run on the survivor, and the
 * launch it had stored and was applying is finished by the survivor. The dead node leaves more calls in flight than
 * the survivor's pool has connections, so a takeover that kept a connection per send would starve the survivor.
 */
class NodeCrashOnPostgresTest {

  private static final int SINGLE_EVENTS = 240;
  private static final int LAUNCHED = 300;
  private static final int JOURNEYS = SINGLE_EVENTS + LAUNCHED;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** How the doomed node dies. */
  enum Death {
    /** SIGKILL: its kernel closes its connections, and PostgreSQL rolls back what it had open. */
    KILLED,
    /**
     * SIGSTOP: its connections stay open, as when its container is paused; its open transactions keep their locks,
     * and one stopped in the middle of a batch is not idle, so PostgreSQL's idle timeout does not end it, and its
     * machine goes on answering TCP keepalives. The survivor ends its sessions when it takes over.
     */
    FROZEN,
    /**
     * SIGTERM: stopped gracefully mid-campaign, as by a deploy or a scale-down: it finishes its calls in flight,
     * records their answers and hands the rest back.
     */
    STOPPED
  }

  private final TwilioMessagesFake messages = new TwilioMessagesFake();
  private WireMockServer twilio;
  private ConfigurableApplicationContext survivor;
  private ClusterNode doomed;
  private ScheduledExecutorService carrier;

  @BeforeEach
  void startTwoNodesOnOneDatabase(TestInfo test) {
    twilio = new WireMockServer(wireMockConfig().dynamicPort().extensions(messages));
    twilio.start();
    providerAnswersIn(200);
    twilio.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"))
        .willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    Map<String, String> properties = nodeProperties();
    survivor = new SpringApplicationBuilder(JourneyTestApplication.class)
        .properties(properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new))
        .run();
    survivor.getBean(ProcessEngine.class).getRepositoryService().createDeployment()
        .addClasspathResource("bpmn/send-with-hook.bpmn").deploy();
    // a log of its own per way to die, for the run that fails
    doomed = ClusterNode.start("doomed-" + test.getDisplayName().replaceAll("\\W+", ""), properties);
  }

  private void providerAnswersIn(int millis) {
    twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"))
        .willReturn(aResponse().withFixedDelay(millis).withTransformers(TwilioMessagesFake.NAME)));
  }

  private Map<String, String> nodeProperties() {
    Map<String, String> properties = ClusterNode.properties(EmbeddedPostgresDatabase.newDatabase(),
        twilio.baseUrl());
    properties.put("camunda.bpm.job-execution.lock-time-in-millis", "10000");
    // as the postgres profile does: a session idle inside a transaction no longer than a job's lock
    properties.put("spring.datasource.hikari.data-source-properties.options",
        "-c idle_in_transaction_session_timeout=10s");
    properties.put("camunda.bpm.job-execution.max-wait", "1000");
    properties.put("touchpoint.pipeline.heartbeat", "1s");
    properties.put("touchpoint.pipeline.dead-after", "5s");
    return properties;
  }

  @AfterEach
  void stop() {
    if (carrier != null) {
      carrier.shutdownNow();
    }
    if (doomed != null) {
      doomed.close();
    }
    if (survivor != null) {
      survivor.close();
    }
    if (twilio != null) {
      twilio.stop();
    }
  }

  @ParameterizedTest
  @EnumSource(Death.class)
  void aNodeThatDiesMidCampaignLosesNoJourneyAndSendsNothingTwice(Death death) {
    int survivorPort = Integer.parseInt(survivor.getEnvironment().getProperty("local.server.port"));
    carrier = Executors.newSingleThreadScheduledExecutor();
    Set<String> reported = new HashSet<>();
    // the carrier reports each message delivered, to the node that is alive
    carrier.scheduleWithFixedDelay(() -> messages.messages().stream().filter(m -> reported.add(m.sid()))
        .forEach(m -> reportDelivered(survivorPort, m)), 100, 100, TimeUnit.MILLISECONDS);

    for (int i = 0; i < SINGLE_EVENTS; i++) {
      int port = i % 2 == 0 ? doomed.port() : survivorPort;
      assertThat(startJourney(port, i)).isEqualTo(202);
    }
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages.messages().size() >= SINGLE_EVENTS / 4);
    // calls pile up unanswered on both nodes
    providerAnswersIn(3000);
    String launchProgress = launch(doomed.port());
    int survivorPool = survivor.getEnvironment().getRequiredProperty("spring.datasource.hikari.maximum-pool-size",
        Integer.class);
    // die while the launch is being applied, with more calls in flight than the survivor has connections
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> launchedJourneys() >= LAUNCHED / 20 && unansweredCallsOfTheDoomedNode() > survivorPool);
    String doomedSessions = survivorDatabase().queryForObject("select session_name from tp_node where id <> ?",
        String.class, survivor.getBean(NodeRegistry.class).nodeId());
    assertThat(sessionsNamed(doomedSessions)).as("the doomed node's sessions, by the name it recorded").isPositive();
    long crashedAt = System.nanoTime();
    switch (death) {
      case KILLED -> doomed.crash();
      case FROZEN -> doomed.freeze();
      case STOPPED -> System.out.printf("STOPPED: the node stopped %.1f s after SIGTERM%n",
          doomed.stop().toMillis() / 1e3);
    }
    providerAnswersIn(200);
    long launchedBeforeCrash = launchedJourneys();
    long unansweredAtCrash = unansweredCallsOfTheDoomedNode();

    ProcessEngine engine = survivor.getBean(ProcessEngine.class);

    try {
      Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
          .until(() -> engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(
              "send-with-hook").finished().count() == JOURNEYS);
    } catch (ConditionTimeoutException stuck) {
      try {
        System.out.println(whereItIsStuck());
      } catch (RuntimeException unreadable) {
        stuck.addSuppressed(unreadable);
      }
      throw stuck;
    }
    System.out.printf("%s: all %d journeys finished %.1f s after the crash (%d of the %d launched had been applied, "
        + "%d calls of the dead node were unanswered)%n", death, JOURNEYS, (System.nanoTime() - crashedAt) / 1e9,
        launchedBeforeCrash, LAUNCHED, unansweredAtCrash);

    Map<String, Long> messagesPerPhone = messages.messages().stream()
        .collect(Collectors.groupingBy(TwilioMessagesFake.Message::to, Collectors.counting()));
    assertThat(messagesPerPhone).hasSize(JOURNEYS);
    assertThat(messagesPerPhone.values()).allMatch(count -> count == 1);
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("Delivered").finished()
        .count()).isEqualTo(JOURNEYS);
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
    assertThat(fetch(survivorPort, launchProgress)).contains("\"state\":\"done\"", "\"started\":" + LAUNCHED + ",",
        "\"failed\":0");
    assertThat(sessionsNamed(doomedSessions)).as("sessions left by the doomed node").isZero();
  }

  /** A campaign of its own, stored by the node that is going to die: answered 202, so it must not be lost. */
  private String launch(int port) {
    String events = IntStream.range(SINGLE_EVENTS, JOURNEYS).mapToObj(i -> event(i)).collect(Collectors.joining(","));
    HttpResponse<String> stored = call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events/batch"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer test-key")
        .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + events + "]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).isEqualTo(202);
    assertThat(stored.body()).contains("\"accepted\":" + LAUNCHED);
    return stored.headers().firstValue("Location").orElseThrow();
  }

  private long sessionsNamed(String name) {
    return survivorDatabase().queryForObject("select count(*) from pg_stat_activity where application_name = ?",
        Long.class, name);
  }

  /** What the database's sessions are doing, and where the sends, chunks and journeys stand: for a run that hangs. */
  private String whereItIsStuck() {
    JdbcTemplate jdbc = survivorDatabase();
    return String.join("\n", "STUCK: sessions", jdbc.queryForList("""
            select pid, application_name, client_port, state, wait_event_type, wait_event,
              now() - xact_start as in_transaction, now() - state_change as in_state, left(query, 160) as query
            from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()""").toString(),
        "sends", jdbc.queryForList("select outcome, owner_node, count(*) from tp_delivery group by 1, 2").toString(),
        "chunks", jdbc.queryForList("select chunk, state, owner_node, claimed_at from tp_launch_chunk").toString(),
        "nodes", jdbc.queryForList("select id, heartbeat_at from tp_node").toString(),
        "journeys waiting", jdbc.queryForList("""
            select ACT_ID_, count(*) from ACT_RU_EXECUTION where ACT_ID_ is not null group by ACT_ID_""").toString(),
        "jobs", jdbc.queryForList("""
            select HANDLER_TYPE_, RETRIES_, LOCK_OWNER_ is not null as locked, count(*) from ACT_RU_JOB
            group by 1, 2, 3""").toString());
  }

  /** The database both nodes share, through the survivor. */
  private JdbcTemplate survivorDatabase() {
    return survivor.getBean("touchpointJdbcTemplate", JdbcTemplate.class);
  }

  /** Events of the launch applied so far, on either node. */
  private long launchedJourneys() {
    return survivorDatabase().queryForObject(
        "select count(*) from tp_event where launch_id is not null", Long.class);
  }

  /** Provider calls started on the doomed node whose answer is not recorded yet. */
  private long unansweredCallsOfTheDoomedNode() {
    return survivorDatabase().queryForObject(
        "select count(*) from tp_delivery where outcome = 'SENDING' and owner_node <> ?", Long.class,
        survivor.getBean(NodeRegistry.class).nodeId());
  }

  private static String fetch(int port, String path) {
    return call(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer test-key").GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String event(int i) {
    return """
        {"name":"test.hook","id":"crash-%d","contact":{"id":"contact-%d","phone":"+1555%07d","firstName":"Kim"}}"""
        .formatted(i, i, 1_000_000 + i);
  }

  private static int startJourney(int port, int i) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer test-key")
        .POST(HttpRequest.BodyPublishers.ofString(event(i))).build());
  }

  private static void reportDelivered(int port, TwilioMessagesFake.Message message) {
    String pathAndQuery = message.statusCallback().substring("https://touchpoint.test".length());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", message.sid());
    form.put("MessageStatus", "delivered");
    form.put("AccountSid", JourneyTest.ACCOUNT_SID);
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Twilio-Signature", TwilioSignatures.sign(JourneyTest.AUTH_TOKEN,
            "https://touchpoint.test" + pathAndQuery, form))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static int send(HttpRequest request) {
    return call(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request, body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
