package io.touchpoint.governor;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.AnalyticsRange;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.pipeline.HeldSendJobHandler;
import io.touchpoint.testapp.JourneyTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send governor on the engine clock: marketing texts wait out the contact's own night and the frequency cap,
 * each as a job at its send task due when the hold ends; transactional ones do not wait; a send held longer than its
 * task allows is suppressed and takes the failed branch; an emergency stop holds sends until it is lifted. Run on H2
 * and on PostgreSQL, where several nodes deciding for one contact at once must still respect the cap.
 */
@TestPropertySource(properties = {
    "touchpoint.governor.quiet-hours=21:00-08:00",
    "touchpoint.governor.frequency-caps.sms=2/P1D"})
// its settings are its own: closed after the class rather than kept in the context cache for the rest of the run
@DirtiesContext
abstract class SendGovernorContract extends JourneyTest {

  @Autowired
  SendGovernor governor;
  @Autowired
  DeliveryLedger ledger;
  @Autowired
  PlatformTransactionManager transactionManager;
  @Autowired
  JourneyAnalytics analytics;

  @BeforeEach
  void deployJourneys() {
    deploy("bpmn/governed-offer.bpmn", "bpmn/governed-receipt.bpmn", "bpmn/governed-flash.bpmn",
        "bpmn/governed-countdown.bpmn");
    twilioAcceptsMessages();
  }

  @Test
  void aMarketingTextDueAtNightInTokyoWaitsForEightInTheMorningThereAndIsSentOnce() {
    at("2026-03-10T13:00:00Z"); // 22:00 in Tokyo
    Contact kim = new Contact("Asia/Tokyo");
    ProcessInstance offer = kim.gets("test.offer", "governed-offer");

    assertThat(heldSendJob(offer).getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-10T23:00:00Z")));
    assertThat(deliveryOf(offer, "Send").outcome()).isEqualTo(Delivery.Outcome.HELD);
    assertThat(deliveryOf(offer, "Send").outcomeCode()).isEqualTo("quiet-hours");
    assertThat(kim.textsReceived()).isZero();

    at("2026-03-10T23:00:00Z");
    runDueJobs(offer);

    assertThat(kim.textsReceived()).isEqualTo(1);
    assertThat(deliveryOf(offer, "Send").outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    runDueJobs(offer);
    assertThat(kim.textsReceived()).isEqualTo(1);
  }

  @Test
  void quietHoursEndAtEightLocalTimeOnTheMorningNewYorkMovesItsClocksForward() {
    at("2027-03-14T03:30:00Z"); // 22:30 EST on the 13th; at 02:00 on the 14th clocks jump to 03:00 EDT
    ProcessInstance offer = new Contact("America/New_York").gets("test.offer", "governed-offer");

    assertThat(heldSendJob(offer).getDuedate()).isEqualTo(Date.from(Instant.parse("2027-03-14T12:00:00Z")));
  }

  @Test
  void aContactWithoutATimeZoneIsQuietInTheDefaultOneAndDaytimeTextsGoAtOnce() {
    at("2026-03-10T12:00:00Z");
    Contact ana = new Contact(null);
    ana.gets("test.offer", "governed-offer");

    assertThat(ana.textsReceived()).isEqualTo(1);
  }

  @Test
  void aTransactionalTextIgnoresQuietHoursAndCaps() {
    at("2026-03-10T23:30:00Z");
    Contact ana = new Contact("UTC");
    ana.gets("test.receipt", "governed-receipt");
    ana.gets("test.receipt", "governed-receipt");
    ana.gets("test.receipt", "governed-receipt");

    assertThat(ana.textsReceived()).isEqualTo(3);
  }

  @Test
  void theThirdMarketingTextInADayWaitsUntilTheFirstIsADayOldWhateverJourneySendsIt() {
    Contact ana = new Contact("UTC");
    at("2026-03-10T10:00:00Z");
    ana.gets("test.offer", "governed-offer");
    at("2026-03-10T11:00:00Z");
    ana.gets("test.offer", "governed-offer");
    at("2026-03-10T12:00:00Z");
    ana.gets("test.receipt", "governed-receipt"); // transactional: not capped, not counted
    ProcessInstance third = ana.gets("test.offer", "governed-offer");

    assertThat(ana.textsReceived()).isEqualTo(3);
    assertThat(deliveryOf(third, "Send").outcomeCode()).isEqualTo("frequency-cap");
    assertThat(heldSendJob(third).getDuedate()).isEqualTo(Date.from(Instant.parse("2026-03-11T10:00:00Z")));

    at("2026-03-11T10:00:00Z");
    runDueJobs(third);
    assertThat(ana.textsReceived()).isEqualTo(4);
  }

  @Test
  void aSendHeldLongerThanItsTaskAllowsIsSuppressedAndTakesTheFailedBranch() {
    Contact ana = new Contact("UTC");
    at("2026-03-10T10:00:00Z");
    ana.gets("test.offer", "governed-offer");
    ana.gets("test.offer", "governed-offer");
    ProcessInstance flash = ana.gets("test.flash", "governed-flash"); // may wait two hours; the cap says a day

    eventually().untilAsserted(() -> assertThat(flash).hasPassed("Failed").isEnded());
    assertThat(deliveryOf(flash, "Send").outcome()).isEqualTo(Delivery.Outcome.SKIPPED);
    assertThat(deliveryOf(flash, "Send").outcomeCode()).isEqualTo("SUPPRESSED");
    assertThat(ana.textsReceived()).isEqualTo(2);
  }

  @Test
  void aJourneyThatWaitsForSuppressedTakesThatBranchInsteadOfFailed() {
    Contact ana = new Contact("UTC");
    at("2026-03-10T10:00:00Z");
    ana.gets("test.offer", "governed-offer");
    ana.gets("test.offer", "governed-offer");
    ProcessInstance countdown = ana.gets("test.countdown", "governed-countdown");

    eventually().untilAsserted(() -> assertThat(countdown).hasPassed("Suppressed").hasNotPassed("Failed").isEnded());
    assertThat(ana.textsReceived()).isEqualTo(2);
  }

  @Test
  void aTextHeldAtNightIsSuppressedWhenTheNightOutlastsItsHold() {
    at("2026-03-10T21:30:00Z"); // quiet until 08:00 UTC; the countdown may wait two hours
    Contact ana = new Contact("UTC");
    ProcessInstance countdown = ana.gets("test.countdown", "governed-countdown");

    eventually().untilAsserted(() -> assertThat(countdown).hasPassed("Suppressed").isEnded());
    assertThat(deliveryOf(countdown, "Send").outcomeReason()).isEqualTo("suppressed: quiet-hours");
    Map<String, Long> counts = analytics.journey("governed-countdown", null,
        new AnalyticsRange(Instant.parse("2026-03-10T21:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"), false))
        .components().get(0).counts();
    assertThat(counts).containsEntry("suppressed", 1L).containsEntry("suppressedQuietHours", 1L)
        .containsEntry("suppressedFrequencyCap", 0L).containsEntry("sent", 0L);
  }

  @Test
  void sendsHeldByAnEmergencyStopGoOutOnceWhenItIsLifted() {
    at("2026-03-10T12:00:00Z");
    HttpResponse<String> paused = postJson("/api/governor/pauses",
        "{\"scope\":\"journey:governed-offer\",\"reason\":\"wrong coupon\"}");
    assertThat(paused.statusCode()).isEqualTo(201);
    String pause = read(paused).path("id").asText();
    Contact ana = new Contact("UTC");
    ProcessInstance offer = ana.gets("test.offer", "governed-offer");
    ana.gets("test.receipt", "governed-receipt"); // another journey: not stopped

    assertThat(ana.textsReceived()).isEqualTo(1);
    assertThat(callApi("GET", "/api/governor").body())
        .contains("\"scope\":\"journey:governed-offer\"", "\"reason\":\"wrong coupon\"")
        .contains("{\"journey\":\"governed-offer\",\"channel\":\"sms\",\"reason\":\"paused\",\"held\":1}");

    assertThat(callApi("DELETE", "/api/governor/pauses/" + pause).statusCode()).isEqualTo(204);
    runDueJobs(offer);

    assertThat(ana.textsReceived()).isEqualTo(2);
    assertThat(deliveryOf(offer, "Send").outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    assertThat(callApi("DELETE", "/api/governor/pauses/" + pause).statusCode()).isEqualTo(404);
  }

  @Test
  void decisionsForOneContactOnManyThreadsAtOnceReleaseNoMoreThanTheCap() throws Exception {
    String contact = "contact-" + UUID.randomUUID();
    Instant now = Instant.parse("2026-03-10T12:00:00Z");
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    ExecutorService nodes = Executors.newFixedThreadPool(8);
    List<Future<Boolean>> released = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      released.add(nodes.submit(() -> transaction.execute(tx -> {
        GovernorDecision decision = governor.decide(new GovernedSend(contact, "UTC", Channel.SMS, "governed-offer",
            MessageType.MARKETING, Duration.ofDays(1), now), now);
        if (decision instanceof GovernorDecision.Release) {
          ledger.insertGoverned(new Delivery(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
              "governed-offer", "pi", "ex", "Send", contact, Channel.SMS, "+15550000000", "twilio", null,
              Delivery.Outcome.QUEUED, null, null, null), "node", MessageType.MARKETING.name(), null, now);
          return true;
        }
        return false;
      })));
    }
    int sent = 0;
    for (Future<Boolean> decision : released) {
      sent += decision.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    nodes.shutdown();

    assertThat(sent).isEqualTo(2);
  }

  @Test
  void aPauseOfAnUnknownScopeIsRefusedNamingTheField() {
    HttpResponse<String> refused = postJson("/api/governor/pauses", "{\"scope\":\"everything\"}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"field\":\"scope\"");
  }

  private Job heldSendJob(ProcessInstance instance) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId("Send").list().stream()
        .filter(job -> job.getExceptionMessage() != null && job.getExceptionMessage().startsWith("held"))
        .findFirst().orElseThrow(() -> new AssertionError("no " + HeldSendJobHandler.TYPE + " job at Send"));
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return new ObjectMapper().readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void at(String instant) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
  }

  /** A contact with a phone of her own, in a time zone (null: none given). */
  private final class Contact {

    final String id = "contact-" + UUID.randomUUID();
    final String phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    final String timeZone;

    Contact(String timeZone) {
      this.timeZone = timeZone;
    }

    /** The event starts the journey; its send job runs. */
    ProcessInstance gets(String event, String journey) {
      String zone = timeZone == null ? "" : ",\"timezone\":\"" + timeZone + "\"";
      HttpResponse<String> accepted = sendEvent("""
          {"name":"%s","contact":{"id":"%s","phone":"%s"%s}}""".formatted(event, id, phone, zone));
      assertThat(accepted.statusCode()).isEqualTo(202);
      String started = read(accepted).path("started").path(0).path("processInstanceId").asText();
      ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceId(started)
          .singleResult();
      assertThat(instance.getProcessDefinitionId()).startsWith(journey + ":");
      runDueJobs(instance);
      return instance;
    }

    int textsReceived() {
      return TWILIO.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(
          containing("To=%2B" + phone.substring(1)))).size();
    }
  }
}
