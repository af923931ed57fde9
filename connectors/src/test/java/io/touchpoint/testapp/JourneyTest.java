package io.touchpoint.testapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.schedule.PeriodicTask;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the journey tests: the real engine and Touchpoint in a Spring Boot app on a random
 * port, Twilio's SDK talking to a local WireMock fake, the job executor off so a test runs the
 * journey's jobs itself and moves the engine clock instead of waiting.
 */
@SpringBootTest(classes = JourneyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
        "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "camunda.bpm.generic-properties.properties.historyTimeToLive=P180D",
        "camunda.bpm.auto-deployment-enabled=false",
        "touchpoint.public-base-url=https://touchpoint.test",
        "touchpoint.api.keys=test-key",
        "touchpoint.correlation.sweep-interval=1h",
        // a connection held this long is a bug: its holder's stack is logged
        "spring.datasource.hikari.leak-detection-threshold=20000",
        "spring.datasource.hikari.maximum-pool-size=20",
        "touchpoint.twilio.account-sid=" + JourneyTest.ACCOUNT_SID,
        "touchpoint.twilio.auth-token=" + JourneyTest.AUTH_TOKEN,
        "touchpoint.twilio.sms-from=+15550000000",
        "touchpoint.twilio.whatsapp-from=whatsapp:+15550000001",
        "touchpoint.twilio.rcs-from=rcs:touchpoint_test_agent",
        "touchpoint.email.from=journeys@touchpoint.test",
        "touchpoint.email.bounce-address=" + JourneyTest.BOUNCES,
        "touchpoint.tracking.secret=journey-test-secret",
        // the tests click as soon as an email arrives, faster than any reader: LinkScannerTest turns this on
        "touchpoint.tracking.prefetch-window=0s",
        "touchpoint.webhook.allowed-hosts=127.0.0.1,localhost",
        "touchpoint.secrets.CRM_TOKEN=crm-s3cret-token",
        "touchpoint.secrets.ANALYTICS_TOKEN=analytics-s3cret-token"
    })
@Import(JourneyTest.RecoveryRunByTheTests.class)
public abstract class JourneyTest {

  public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
  public static final String AUTH_TOKEN = "test-auth-token";
  public static final String BOUNCES = "bounces@touchpoint.test";
  public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  /** {@code touchpoint.pipeline.dead-after}, as these tests leave it. */
  protected static final Duration DEAD_AFTER = Duration.ofSeconds(20);

  /**
   * One fake Twilio for the whole test run: Spring caches the application context across test
   * classes, so the fake's address must outlive any one class. Reset before every test.
   */
  protected static final TwilioMessagesFake TWILIO_MESSAGES = new TwilioMessagesFake();
  protected static final WireMockServer TWILIO = startFakeTwilio();

  private static WireMockServer startFakeTwilio() {
    WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().templatingEnabled(true)
        .extensions(TWILIO_MESSAGES));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
    return server;
  }

  /** One SMTP + IMAP server for the whole test run, for the same reason as the fake Twilio. */
  protected static final GreenMail MAIL = startMail();

  private static GreenMail startMail() {
    GreenMail mail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    mail.start();
    mail.setUser(BOUNCES, BOUNCES, "bounces-password");
    Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
    return mail;
  }

  @DynamicPropertySource
  static void fakeProviders(DynamicPropertyRegistry registry) {
    registry.add("touchpoint.twilio.api-base-url", TWILIO::baseUrl);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    registry.add("touchpoint.email.attachments-folder", () -> testResourceFolder("/email/attachments"));
    registry.add("touchpoint.email.templates-folder", () -> testResourceFolder("/email/templates"));
    registry.add("touchpoint.email.bounce-mailbox.host", () -> "127.0.0.1");
    registry.add("touchpoint.email.bounce-mailbox.port", () -> MAIL.getImap().getPort());
    registry.add("touchpoint.email.bounce-mailbox.username", () -> BOUNCES);
    registry.add("touchpoint.email.bounce-mailbox.password", () -> "bounces-password");
    registry.add("touchpoint.email.bounce-mailbox.ssl", () -> "false");
    registry.add("touchpoint.email.bounce-mailbox.poll-interval", () -> "1h");
    registry.add("touchpoint.fcm.project-id", () -> FakeFirebaseProject.PROJECT_ID);
    registry.add("touchpoint.fcm.api-base-url", TWILIO::baseUrl);
    // the sample journeys' CRM and analytics tool, on the same fake under their own paths
    registry.add("touchpoint.secrets.CRM_API", () -> TWILIO.baseUrl().replace("http://", "") + "/crm");
    registry.add("touchpoint.secrets.ANALYTICS_API", () -> TWILIO.baseUrl().replace("http://", "") + "/analytics");
    registry.add("touchpoint.fcm.credentials-file",
        () -> FakeFirebaseProject.credentialsFile(TWILIO.baseUrl() + "/token").toString());
  }

  private static String testResourceFolder(String folder) {
    try {
      return Path.of(JourneyTest.class.getResource(folder).toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort
  protected int port;
  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected RuntimeService runtimeService;
  @Autowired
  protected RepositoryService repositoryService;
  @Autowired
  protected ManagementService managementService;
  @Autowired
  protected HistoryService historyService;
  @Autowired
  protected DeliveryLedger ledger;
  @Autowired
  protected JdbcClient touchpointJdbc;
  @Autowired
  protected TestClock touchpointClock;
  @Autowired
  protected SendPipeline sendPipeline;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void initAssertions() throws Exception {
    init(engine);
    TWILIO.resetAll();
    twilioAcceptsMessages();
    MAIL.purgeEmailFromAllMailboxes();
  }

  @AfterEach
  void resetClocksAndProviderPauses() {
    ClockUtil.reset();
    touchpointClock.reset();
    // a 429 a test provoked would pause its provider for the tests that share this application
    touchpointJdbc.sql("delete from tp_provider_throttle").update();
  }

  /**
   * Waits for what happens after a commit on another thread. Polls on the test's own thread:
   * the BPMN assertions find their engine through a thread-local, set by {@link #initAssertions}.
   */
  protected static ConditionFactory eventually() {
    return Awaitility.await().pollInSameThread().atMost(Duration.ofSeconds(30));
  }

  protected void deploy(String... classpathResources) {
    var deployment = repositoryService.createDeployment();
    for (String resource : classpathResources) {
      deployment.addClasspathResource(resource);
    }
    deployment.deploy();
  }

  /**
   * Deploys the journey {@code journeyKey} of a classpath resource as another journey, {@code variant}, started by
   * its own event {@code test.<variant>} instead of {@code event}, its diagram changed by {@code change}.
   */
  protected void deployVariant(String classpathResource, String journeyKey, String event, String variant,
      UnaryOperator<String> change) {
    String bpmn;
    try (InputStream in = JourneyTest.class.getClassLoader().getResourceAsStream(classpathResource)) {
      bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    repositoryService.createDeployment().addString(variant + ".bpmn", change.apply(bpmn)
        .replace("id=\"" + journeyKey + "\"", "id=\"" + variant + "\"")
        .replace("value=\"" + event + "\"", "value=\"test." + variant + "\"")).deploy();
  }

  /** Twilio answers every send with a fresh message SID. */
  protected void twilioAcceptsMessages() {
    TWILIO.stubFor(sendMessage().willReturn(created("SM{{randomValue length=32 type='HEXADECIMAL'}}")));
  }

  /** Twilio's Messages list, as the fake keeps it: what a node that lost an answer asks. */
  protected static void twilioListsItsMessages() {
    TWILIO.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"))
        .willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
  }

  protected static MappingBuilder sendMessage() {
    return post(urlPathMatching("/2010-04-01/Accounts/[A-Za-z0-9]+/Messages.json"));
  }

  protected static ResponseDefinitionBuilder created(String sid) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withTransformers("response-template")
        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"account_sid\":\"" + ACCOUNT_SID + "\"}");
  }

  // ---- the journey's side of a test

  protected HttpResponse<String> sendEvent(String json) {
    return postJson("/api/events", json);
  }

  /** Kim signs up with this number: the hook journey ({@code bpmn/send-with-hook.bpmn}, deployed) starts for her. */
  protected ProcessInstance kimSignsUpForTheHookJourney(String phone) {
    String contact = "kim-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.hook","contact":{"id":"%s","phone":"%s","firstName":"Kim"}}""".formatted(contact, phone));
    return instanceOf("send-with-hook", contact);
  }

  /** Twilio holds one message to this number; the hook journey's send is recorded with its SID and moved on. */
  protected void twilioHasOneMessageAndTheSendIsRecordedWithIt(ProcessInstance journey, String phone) {
    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    assertThat(delivery.providerMessageId()).isEqualTo(TWILIO_MESSAGES.messagesTo(phone).get(0).sid());
    BpmnAwareTests.assertThat(journey).isWaitingAt("Outcome");
  }

  /** A node that stopped beating an hour ago: what is handed to it, the next recovery run takes over. */
  protected String aNodeThatDied() {
    String node = "crashed-host/" + UUID.randomUUID();
    OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
    touchpointJdbc.sql("insert into tp_node (id, started_at, heartbeat_at) values (?, ?, ?)")
        .params(node, longAgo, longAgo).update();
    return node;
  }

  /**
   * The channel task's send job commits, the provider receives the call, and the node is gone before the answer
   * comes back. The death is played by handing the send in flight to a node whose heartbeat stopped: the late answer
   * then belongs to nobody, as it would in a crash.
   *
   * @param answerComes lets the provider answer, once the send belongs to the dead node
   */
  protected void nodeDiesWhileTheProviderHoldsTheCall(ProcessInstance journey, String channelTaskId, String deadNode,
      BooleanSupplier providerHasTheCall, Runnable answerComes) {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.getId())
        .activityId(channelTaskId).singleResult().getId());
    eventually().until(providerHasTheCall::getAsBoolean);
    theJourneysSendsPassTo(deadNode, journey);
    answerComes.run();
    awaitSendPipeline(); // the late answer finds the send owned by another node and is dropped
    theOthersNoticeTheDeathAfterItsMissedHeartbeats(deadNode);
  }

  /** The journey's sends become that node's, as a takeover (or the death played by handing them over) makes them. */
  protected void theJourneysSendsPassTo(String node, ProcessInstance journey) {
    touchpointJdbc.sql("update tp_delivery set owner_node = ? where process_instance_id = ?")
        .params(node, journey.getId()).update();
  }

  /** A dead node is found dead once it has missed its heartbeats for dead-after: its calls were made that long ago. */
  protected void theOthersNoticeTheDeathAfterItsMissedHeartbeats(String deadNode) {
    theCallsWereMarkedEarlier(DEAD_AFTER, deadNode);
  }

  /**
   * The node's sends in flight were marked, and last asked about at their provider, this much earlier: time passes
   * for the send recovery, which reads the database's clock.
   */
  protected void theCallsWereMarkedEarlier(Duration earlier, String node) {
    String interval = "interval '" + BigDecimal.valueOf(earlier.toMillis(), 3).toPlainString() + "' second";
    touchpointJdbc.sql("update tp_delivery set attempt_started_at = attempt_started_at - " + interval
        + ", asked_at = asked_at - " + interval + " where owner_node = ? and outcome = 'SENDING'").param(node).update();
  }

  /** The hook journey's send task runs for each journey, its job executed as the job executor would. */
  protected void sendTasksRun(List<ProcessInstance> journeys) {
    journeys.forEach(journey -> managementService.executeJob(managementService.createJobQuery()
        .processInstanceId(journey.getId()).activityId("Send").singleResult().getId()));
  }

  /** The answer's JSON body, once its status is the one expected (the body is shown when it is not). */
  protected static JsonNode json(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** The field a 400 problem names first. */
  protected static String field(HttpResponse<String> response) throws IOException {
    return json(response, 400).path("errors").get(0).path("field").asText();
  }

  /** A call without a body to Touchpoint's API, with the test's API key. */
  protected HttpResponse<String> callApi(String method, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer test-key")
        .method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  protected HttpResponse<String> postJson(String path, String json) {
    return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer test-key")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /**
   * Waits until the launch a batch or upload answered with has applied every event it stored, as every node's
   * launch workers do in the background; returns its progress ({@code GET /api/launches/{id}}).
   */
  protected JsonNode launchApplied(HttpResponse<String> stored) {
    return launchApplied(stored, Duration.ofSeconds(30));
  }

  /** The same, for a launch big enough to take longer than {@link #eventually()} allows on a busy machine. */
  protected JsonNode launchApplied(HttpResponse<String> stored, Duration atMost) {
    try {
      String progress = JSON.readTree(stored.body()).path("launch").path("progress").asText();
      JsonNode[] last = new JsonNode[1];
      Awaitility.await().pollInSameThread().atMost(atMost).until(() -> {
        last[0] = JSON.readTree(callApi("GET", progress).body());
        return last[0].path("state").asText().equals("done");
      });
      return last[0];
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  protected static String signupEvent(String eventId, String contactId, String phone, String firstName) {
    return """
        {"name":"user.signup","id":"%s","contact":{"id":"%s","phone":"%s","firstName":"%s"}}"""
        .formatted(eventId, contactId, phone, firstName);
  }

  protected ProcessInstance instanceOf(String journeyKey, String contactId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(journeyKey)
        .processInstanceBusinessKey(contactId).singleResult();
  }

  /**
   * Runs every job of the instance that is due now, as the job executor would, and lets the send pipeline
   * answer what they sent, until nothing is left to do.
   */
  protected void runDueJobs(ProcessInstance instance) {
    for (int round = 0; round < 20; round++) {
      awaitSendPipeline();
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId())
          .executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  /**
   * Runs a batch's seed, batch and monitor jobs as the job executor would, until the batch is done or only jobs
   * that failed for good are left (a failing job is recorded as failed, as the job executor records it).
   */
  protected void runBatch(String batchId) {
    for (int round = 0; round < 20; round++) {
      org.camunda.bpm.engine.batch.Batch batch = managementService.createBatchQuery().batchId(batchId).singleResult();
      if (batch == null) {
        return;
      }
      List<Job> runnable = new java.util.ArrayList<>();
      for (String definition : List.of(batch.getSeedJobDefinitionId(), batch.getBatchJobDefinitionId())) {
        runnable.addAll(managementService.createJobQuery().jobDefinitionId(definition).withRetriesLeft().list());
      }
      // the monitor job finishes the batch once its jobs are done, and keeps watching while some failed
      List<Job> monitor = managementService.createJobQuery().jobDefinitionId(batch.getMonitorJobDefinitionId()).list();
      if (runnable.isEmpty() && managementService.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
          .count() > 0) {
        return;
      }
      runnable.addAll(monitor);
      for (Job job : runnable) {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException failed) {
          // recorded on the job: its retries went down by one
        }
      }
    }
    throw new AssertionError("batch " + batchId + " did not finish");
  }

  /** Waits until the provider calls of committed sends are made and their answers recorded. */
  protected void awaitSendPipeline() {
    if (!sendPipeline.awaitIdle(Duration.ofSeconds(30))) {
      throw new AssertionError("the send pipeline did not settle within 30 s");
    }
  }

  /** Moves the engine clock forward and runs what became due. */
  protected void timePasses(Duration duration, ProcessInstance instance) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    runDueJobs(instance);
  }

  protected Delivery deliveryOf(ProcessInstance instance, String channelTaskId) {
    String deliveryId = (String) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(StatusMessages.deliveryVariable(channelTaskId))
        .singleResult().getValue();
    return ledger.findById(deliveryId).orElseThrow();
  }

  // ---- the provider's side

  protected HttpResponse<String> twilioReportsStatus(String messageSid, String messageStatus) {
    return twilioReportsStatus(messageSid, messageStatus, null);
  }

  /** A status callback to the URL the send gave Twilio ({@code /callbacks/twilio/status?send=...}). */
  protected HttpResponse<String> twilioReportsStatusTo(String callbackPathAndQuery, String messageSid,
      String messageStatus) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("MessageStatus", messageStatus);
    form.put("AccountSid", ACCOUNT_SID);
    return postSignedForm(callbackPathAndQuery, form);
  }

  protected HttpResponse<String> twilioReportsStatus(String messageSid, String messageStatus, String errorCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("MessageStatus", messageStatus);
    form.put("AccountSid", ACCOUNT_SID);
    if (errorCode != null) {
      form.put("ErrorCode", errorCode);
    }
    return postSignedForm("/callbacks/twilio/status", form);
  }

  /**
   * The recipient's mail server sends a delivery-status report (a file under {@code email/bounce/}, about
   * {@code deliveryId}) to the bounce mailbox, as it would after a bounce or a success notification.
   */
  protected static void mailServerReports(String report, String deliveryId) throws Exception {
    String raw;
    try (InputStream in = JourneyTest.class.getResourceAsStream("/email/bounce/" + report)) {
      raw = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("${deliveryId}", deliveryId);
    }
    Session smtp = MAIL.getSmtp().createSession();
    MimeMessage message = new MimeMessage(smtp, new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    try (Transport transport = smtp.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new Address[] {new InternetAddress(BOUNCES)});
    }
  }

  protected HttpResponse<String> contactTexts(String from, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SMIN" + java.util.UUID.randomUUID().toString().replace("-", ""));
    form.put("From", from);
    form.put("To", "+15550000000");
    form.put("Body", body);
    form.put("AccountSid", ACCOUNT_SID);
    return postSignedForm("/callbacks/twilio/inbound", form);
  }

  /** An inbound WhatsApp message; {@code repliedTo} and {@code buttonPayload} may be null. */
  protected HttpResponse<String> contactAnswersOnWhatsApp(String from, String body, String repliedTo,
      String buttonPayload) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SMIN" + java.util.UUID.randomUUID().toString().replace("-", ""));
    form.put("From", from);
    form.put("To", "whatsapp:+15550000001");
    form.put("Body", body);
    form.put("AccountSid", ACCOUNT_SID);
    if (repliedTo != null) {
      form.put("OriginalRepliedMessageSid", repliedTo);
    }
    if (buttonPayload != null) {
      form.put("ButtonPayload", buttonPayload);
      form.put("ButtonText", body);
    }
    return postSignedForm("/callbacks/twilio/inbound", form);
  }

  protected HttpResponse<String> postSignedForm(String path, Map<String, String> form) {
    return postForm(path, form, TwilioSignatures.sign(AUTH_TOKEN, "https://touchpoint.test" + path, form));
  }

  protected HttpResponse<String> postForm(String path, Map<String, String> form, String signature) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"))));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return send(request.build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The tests run the send recovery themselves, a step at a time (a dead node's takeover, a stale call): its periodic
   * runs are stopped as the node starts, before the first is due.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class RecoveryRunByTheTests {

    @Bean
    ApplicationListener<ContextRefreshedEvent> periodicRecoveryStopped(
        @Qualifier("touchpointSendRecoveryTask") PeriodicTask recovery) {
      return refreshed -> recovery.stop();
    }
  }
}
