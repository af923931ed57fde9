package io.touchpoint.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.tracking.TrackingLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the analytics numbers mean, pinned on journeys with known outcomes run through real sends, provider
 * callbacks, tracking links and webhook calls, with the engine clock. Each test deploys its journey under a
 * key of its own, so the shared database's other journeys never count. Run on H2 and on PostgreSQL.
 */
abstract class JourneyAnalyticsContract extends JourneyTest {

  /** A whole hour, so the timeline's buckets are known. */
  static final Instant T0 = Instant.parse("2030-01-15T10:00:00Z");

  @Autowired
  JourneyAnalytics analytics;
  @Autowired
  TrackingLinks links;
  @Autowired
  DeliveryStatusService statuses;

  String key;

  @BeforeEach
  void fakeCrmAndFcm() {
    TWILIO.stubFor(post(urlPathEqualTo("/crm/ok")).willReturn(aResponse().withStatus(200)));
    TWILIO.stubFor(post(urlPathEqualTo("/crm/down")).willReturn(aResponse().withStatus(500)));
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo("/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
            .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
  }

  @Test
  void everyStartedJourneyIsActiveCompletedOrDroppedOffAndGoalsAreConversions() {
    key = deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes");
    runTheOutcomesScenario();

    JourneyMetrics summary = analytics.journey(key, null, firstDay()).summary();

    // started 9 (the one of the day before is out of range): active 1, completed 4 (2 goals), dropped off 4
    // (drop-off end, opted out, cancelled, incident)
    assertThat(summary).isEqualTo(new JourneyMetrics(key, "Analytics outcomes", List.of(1), 9, 1, 4, 4, 1, 2,
        2.0 / 9, 1600.0, 3000.0, 0));
    assertThat(analytics.journeys(firstDay())).filteredOn(j -> j.key().equals(key)).containsExactly(summary);
    JourneyMetrics allTime = analytics.journey(key, null, AnalyticsRange.all()).summary();
    assertThat(allTime.started()).isEqualTo(10);
    assertThat(allTime.goals()).isEqualTo(3);
  }

  @Test
  void timelineCountsEachInstanceInTheHourItStarted() {
    key = deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes");
    runTheOutcomesScenario();

    List<TimelinePoint> timeline = analytics.journey(key, null, firstDay()).timeline();

    assertThat(timeline).hasSize(24);
    assertThat(timeline.get(0)).isEqualTo(new TimelinePoint(T0, 8, 3, 4, 2));
    assertThat(timeline.get(1)).isEqualTo(new TimelinePoint(T0.plus(Duration.ofHours(1)), 1, 1, 0, 0));
    assertThat(timeline.subList(2, 24)).allSatisfy(point -> assertThat(point.started()).isZero());
    List<TimelinePoint> weekly = analytics.journey(key, null,
        new AnalyticsRange(Instant.parse("2030-01-12T00:00:00Z"), Instant.parse("2030-01-19T00:00:00Z"), false))
        .timeline();
    assertThat(weekly).hasSize(7);
    assertThat(weekly.get(2)).isEqualTo(new TimelinePoint(Instant.parse("2030-01-14T00:00:00Z"), 1, 1, 0, 1));
    assertThat(weekly.get(3)).isEqualTo(new TimelinePoint(Instant.parse("2030-01-15T00:00:00Z"), 9, 4, 4, 2));
  }

  @Test
  void smsAndWebhookStepsCountSendsStatusesAndCalls() {
    key = deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes");
    runTheOutcomesScenario();

    List<ComponentMetrics> components = analytics.journey(key, null, firstDay()).components();

    assertThat(components).containsExactly(
        new ComponentMetrics("Text", "Offer SMS", "SMS", messageCounts("sent", 8, "delivered", 4, "failed", 1)),
        new ComponentMetrics("TellCrm", "Tell the CRM", "WEBHOOK", callCounts("calls", 3, "successes", 1, "errors", 2)));
    assertThat(components.get(0).counts().keySet()).containsExactly("sent", "delivered", "failed", "suppressed",
        "suppressedQuietHours", "suppressedFrequencyCap", "suppressedPaused", "shadow");
  }

  @Test
  void branchSharesAreInstancesReachingEachTargetOverThoseReachingTheSplit() {
    key = deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes");
    runTheOutcomesScenario();

    List<BranchShare> branches = analytics.journey(key, null, firstDay()).branches();

    assertThat(branches).containsExactlyInAnyOrder(
        new BranchShare("TextOutcome", "toDelivered", "Delivered", "Delivered", 4, 4.0 / 9),
        new BranchShare("TextOutcome", "toFailed", "Failed", "Failed", 1, 1.0 / 9),
        new BranchShare("TextOutcome", "toSilence", "Silence", "1 hour", 2, 2.0 / 9),
        new BranchShare("Buys", "toGoal", "Ordered", "Ordered", 2, 0.5),
        new BranchShare("Buys", "toDone", "NotNow", "Not now", 1, 0.25),
        new BranchShare("Buys", "toDropOff", "LeftUs", "Left us", 1, 0.25));
  }

  @Test
  void anElementRunTwiceInOneInstanceCountsThatInstanceOnce() {
    key = deployAs("bpmn/analytics/loop.bpmn", "analytics-loop");
    at(T0);
    runtimeService.startProcessInstanceByKey(key, Map.of("n", 0)); // Check, Again, Check, Again, Check, Done
    runtimeService.startProcessInstanceByKey(key, Map.of("n", 5)); // Check, Done

    assertThat(analytics.journey(key, null, firstDay()).branches()).containsExactly(
        new BranchShare("Check", "toAgain", "Again", "Again", 1, 0.5),
        new BranchShare("Check", "toDone", "Done", "Done", 2, 1.0));
  }

  @Test
  void aGoalReachedInAnInterruptingEventSubprocessIsAConversion() {
    key = deployAs("bpmn/analytics/goal-subprocess.bpmn", "analytics-goal-subprocess");
    at(T0);
    String buyer = "contact-" + UUID.randomUUID();
    runtimeService.startProcessInstanceByKey(key, buyer);
    runtimeService.startProcessInstanceByKey(key, "contact-" + UUID.randomUUID());

    assertThat(sendEvent("""
        {"name":"analytics.ordered","id":"order-%s","contact":{"id":"%s"}}""".formatted(buyer, buyer))
        .statusCode()).isEqualTo(202);

    JourneyMetrics summary = analytics.journey(key, null, firstDay()).summary();
    assertThat(List.of(summary.started(), summary.active(), summary.completed(), summary.goals()))
        .containsExactly(2L, 1L, 1L, 1L);
  }

  @Test
  void versionsAreReportedApartAndTogether() {
    key = deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes");
    start(T0, "yes", phone(), "ok");
    deployAs("bpmn/analytics/outcomes.bpmn", "analytics-outcomes", "Analytics outcomes, second version");
    start(T0, "yes", phone(), "ok");
    start(T0, "yes", phone(), "ok");

    assertThat(analytics.journey(key, 1, firstDay()).summary().started()).isEqualTo(1);
    assertThat(analytics.journey(key, 2, firstDay()).summary().started()).isEqualTo(2);
    JourneyMetrics together = analytics.journey(key, null, firstDay()).summary();
    assertThat(together.started()).isEqualTo(3);
    assertThat(together.active()).isEqualTo(3);
    assertThat(together.versions()).containsExactly(1, 2);
    assertThat(together.name()).isEqualTo("Analytics outcomes, second version");
    assertThat(analytics.journey(key, 2, firstDay()).components().get(0).counts().get("sent")).isEqualTo(2);
    assertThatThrownBy(() -> analytics.journey(key, 3, firstDay())).isInstanceOf(UnknownJourneyException.class);
    assertThatThrownBy(() -> analytics.journey("no-such-" + key, null, firstDay()))
        .isInstanceOf(UnknownJourneyException.class);
  }

  @Test
  void rcsFallbackEmailOpensClicksBouncesUnsubscribesAndPushReceiptsAreCountedPerStep() {
    key = deployAs("bpmn/analytics/channels.bpmn", "analytics-channels");
    ProcessInstance a = startChannels(phone(), "device-" + UUID.randomUUID());
    ProcessInstance b = startChannels(phone(), "device-" + UUID.randomUUID());
    ProcessInstance c = startChannels(phone(), ""); // no device: the push is not sent, it fails

    rcsStatus(a, "delivered", "+15550000000"); // reached the phone as an SMS
    rcsStatus(b, "delivered", "rcs:touchpoint_test_agent");
    rcsStatus(c, "undelivered", null);
    visit("GET", links.open(deliveryOf(a, "Guide").id()), "Mozilla/5.0");
    visit("GET", links.click(deliveryOf(a, "Guide").id(), "https://docs.touchpoint.test/start"), "Mozilla/5.0");
    visit("POST", links.unsubscribe(deliveryOf(a, "Guide").id()), "Mozilla/5.0");
    visit("GET", links.open(deliveryOf(b, "Guide").id()), "Mozilla/5.0 (via ggpht.com GoogleImageProxy)");
    visit("GET", links.click(deliveryOf(b, "Guide").id(), "https://docs.touchpoint.test/start"),
        "Mozilla/5.0 (compatible; Barracuda Sentinel)");
    statuses.recordStatus(deliveryOf(c, "Guide").id(), DeliveryStatus.BOUNCED, "550 5.1.1 no such user");
    visit("POST", links.receipt(deliveryOf(a, "Nudge").id()) + "?event=delivered", "okhttp/4.12");
    visit("POST", links.receipt(deliveryOf(a, "Nudge").id()) + "?event=clicked", "okhttp/4.12");
    visit("POST", links.receipt(deliveryOf(b, "Nudge").id()) + "?event=delivered", "okhttp/4.12");

    List<ComponentMetrics> withoutMachines = analytics.journey(key, null, firstDay()).components();
    assertThat(withoutMachines).containsExactly(
        new ComponentMetrics("Reminder", "RCS reminder", "RCS",
            messageCounts("sent", 3, "delivered", 2, "failed", 1, "smsFallback", 1)),
        new ComponentMetrics("Guide", "Guide, by email", "EMAIL",
            messageCounts("sent", 3, "delivered", 1, "opened", 1, "clicked", 1, "bounced", 1, "unsubscribed", 1)),
        new ComponentMetrics("Nudge", "Push nudge", "PUSH",
            messageCounts("sent", 2, "delivered", 2, "clicked", 1, "failed", 1)));
    List<ComponentMetrics> withMachines = analytics.journey(key, null,
        new AnalyticsRange(T0, T0.plus(Duration.ofDays(1)), true)).components();
    assertThat(withMachines.get(1).counts().get("opened")).isEqualTo(2);
    assertThat(withMachines.get(1).counts().get("clicked")).isEqualTo(2);
  }

  @Test
  void whatsAppStepCountsSendsDeliveriesReadsRepliesAndFailures() {
    key = deployAs("bpmn/analytics/whatsapp.bpmn", "analytics-whatsapp");
    String replier = phone();
    ProcessInstance read = startOffer(phone());
    ProcessInstance answered = startOffer(replier);
    ProcessInstance delivered = startOffer(phone());
    ProcessInstance failed = startOffer(phone());

    offerStatus(read, "delivered", null);
    offerStatus(read, "read", null);
    offerStatus(answered, "read", null); // no "delivered" callback: read implies it
    assertThat(contactAnswersOnWhatsApp("whatsapp:" + replier, "Yes please",
        deliveryOf(answered, "Offer").providerMessageId(), null).statusCode()).isLessThan(300);
    offerStatus(delivered, "delivered", null);
    offerStatus(delivered, "delivered", null); // Twilio retried its callback: still one delivery
    offerStatus(failed, "sent", null);
    offerStatus(failed, "undelivered", "63016");

    assertThat(isEnded(answered)).isTrue();
    assertThat(isEnded(failed)).isTrue();
    List<ComponentMetrics> components = analytics.journey(key, null, firstDay()).components();
    assertThat(components).containsExactly(new ComponentMetrics("Offer", "WhatsApp offer", "WHATSAPP",
        messageCounts("sent", 4, "delivered", 3, "read", 2, "replied", 1, "failed", 1)));
    assertThat(components.get(0).counts().keySet()).containsExactly("sent", "delivered", "read", "replied", "failed",
        "suppressed", "suppressedQuietHours", "suppressedFrequencyCap", "suppressedPaused", "shadow");
  }

  // ---- the outcomes scenario

  /**
   * One instance the day before, then nine from T0: two goals (10 and 20 minutes), a drop-off end (30), an
   * opted-out contact (0), a cancelled one, one stuck in an incident after the CRM failed twice, one still
   * waiting, one completed without a goal an hour later (40), one whose silence was reported to the CRM (60).
   */
  void runTheOutcomesScenario() {
    ProcessInstance dayBefore = start(T0.minus(Duration.ofDays(1)), "yes", phone(), "ok");
    delivered(dayBefore, T0.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)));

    ProcessInstance goal = start(T0, "yes", phone(), "ok");
    delivered(goal, T0.plus(Duration.ofMinutes(10)));
    ProcessInstance secondGoal = start(T0.plus(Duration.ofMinutes(1)), "yes", phone(), "ok");
    delivered(secondGoal, T0.plus(Duration.ofMinutes(21)));
    ProcessInstance leftUs = start(T0.plus(Duration.ofMinutes(2)), "stop", phone(), "ok");
    delivered(leftUs, T0.plus(Duration.ofMinutes(32)));

    String optedOut = phone();
    assertThat(contactTexts(optedOut, "STOP").statusCode()).isLessThan(300);
    ProcessInstance skipped = start(T0.plus(Duration.ofMinutes(3)), "yes", optedOut, "ok");
    eventually().until(() -> isEnded(skipped));

    ProcessInstance cancelled = start(T0.plus(Duration.ofMinutes(4)), "yes", phone(), "ok");
    at(T0.plus(Duration.ofMinutes(5)));
    runtimeService.deleteProcessInstance(cancelled.getId(), "contact deleted");

    ProcessInstance stuck = start(T0.plus(Duration.ofMinutes(5)), "yes", phone(), "down");
    at(T0.plus(Duration.ofMinutes(66)));
    runDueJobs(stuck);
    at(T0.plus(Duration.ofMinutes(68)));
    runDueJobs(stuck);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(stuck.getId()).count()).isEqualTo(1);

    ProcessInstance waiting = start(T0.plus(Duration.ofMinutes(6)), "yes", phone(), "ok");
    twilioReportsStatus(deliveryOf(waiting, "Text").providerMessageId(), "sent");

    ProcessInstance notNow = start(T0.plus(Duration.ofMinutes(60)), "no", phone(), "ok");
    delivered(notNow, T0.plus(Duration.ofMinutes(100)));

    ProcessInstance silent = start(T0.plus(Duration.ofMinutes(7)), "yes", phone(), "ok");
    at(T0.plus(Duration.ofMinutes(67)));
    runDueJobs(silent);

    for (ProcessInstance ended : List.of(dayBefore, goal, secondGoal, leftUs, notNow, silent)) {
      assertThat(isEnded(ended)).as("instance %s ended", ended.getId()).isTrue();
    }
  }

  ProcessInstance start(Instant at, String answer, String phone, String crm) {
    at(at);
    Map<String, Object> variables = new HashMap<>();
    variables.put("phone", phone);
    variables.put("answer", answer);
    variables.put("crmUrl", TWILIO.baseUrl() + "/crm/" + crm);
    return startWith(variables);
  }

  void delivered(ProcessInstance instance, Instant at) {
    at(at);
    assertThat(twilioReportsStatus(deliveryOf(instance, "Text").providerMessageId(), "delivered").statusCode())
        .isLessThan(300);
  }

  // ---- the channels scenario

  ProcessInstance startChannels(String phone, String pushToken) {
    at(T0);
    Map<String, Object> variables = new HashMap<>();
    variables.put("phone", phone);
    variables.put("pushToken", pushToken);
    variables.put("email", "contact-" + UUID.randomUUID() + "@example.test");
    return startWith(variables);
  }

  void rcsStatus(ProcessInstance instance, String status, String from) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", deliveryOf(instance, "Reminder").providerMessageId());
    form.put("MessageStatus", status);
    form.put("AccountSid", ACCOUNT_SID);
    if (from != null) {
      form.put("From", from);
    }
    assertThat(postSignedForm("/callbacks/twilio/status", form).statusCode()).isLessThan(300);
  }

  void visit(String method, String publicUrl, String userAgent) {
    URI local = URI.create(publicUrl.replace("https://touchpoint.test", "http://localhost:" + port));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(local)
          .header("User-Agent", userAgent).method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode()).isLessThan(400);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---- the WhatsApp scenario

  ProcessInstance startOffer(String phone) {
    at(T0);
    return startWith(Map.of("phone", phone, "firstName", "Ana"));
  }

  /** A signed Twilio status callback for the instance's offer; {@code errorCode} may be null. */
  void offerStatus(ProcessInstance instance, String status, String errorCode) {
    assertThat(twilioReportsStatus(deliveryOf(instance, "Offer").providerMessageId(), status, errorCode).statusCode())
        .isLessThan(300);
  }

  // ---- helpers

  /** Starts an instance of this test's journey for a new contact and runs its send. */
  ProcessInstance startWith(Map<String, Object> variables) {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(key, "contact-" + UUID.randomUUID(),
        variables);
    runDueJobs(instance);
    return instance;
  }

  String deployAs(String resource, String templateKey) {
    return deployAs(resource, templateKey, null);
  }

  /** Deploys the resource with its process renamed to a key of this test's own (and a new name, if given). */
  String deployAs(String resource, String templateKey, String name) {
    String journeyKey = key != null ? key : templateKey + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
      String bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("id=\"" + templateKey + "\"", "id=\"" + journeyKey + "\"")
          .replace("name=\"Analytics outcomes\"", "name=\"" + (name == null ? "Analytics outcomes" : name) + "\"");
      repositoryService.createDeployment().addString(journeyKey + ".bpmn", bpmn).deploy();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return journeyKey;
  }

  static AnalyticsRange firstDay() {
    return new AnalyticsRange(T0, T0.plus(Duration.ofDays(1)), false);
  }

  static void at(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  boolean isEnded(ProcessInstance instance) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).count() == 0;
  }

  static String phone() {
    return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
  }

  /** The expected counts in the given order, names and values alternating. */
  /** A message step's counts: these, then none suppressed by the send governor. */
  /** A message step's counts: these, none suppressed, none recorded in shadow mode. */
  static Map<String, Long> messageCounts(Object... namesAndValues) {
    Map<String, Long> counts = counts(namesAndValues);
    List.of("suppressed", "suppressedQuietHours", "suppressedFrequencyCap", "suppressedPaused", "shadow")
        .forEach(name -> counts.put(name, 0L));
    return counts;
  }

  /** A webhook step's counts: these, none recorded in shadow mode. */
  static Map<String, Long> callCounts(Object... namesAndValues) {
    Map<String, Long> counts = counts(namesAndValues);
    counts.put("shadow", 0L);
    return counts;
  }

  static Map<String, Long> counts(Object... namesAndValues) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      counts.put((String) namesAndValues[i], ((Integer) namesAndValues[i + 1]).longValue());
    }
    return counts;
  }
}
