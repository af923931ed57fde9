package io.touchpoint.correlation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.StatusReport;
import io.touchpoint.delivery.StatusReportInbox;
import io.touchpoint.provider.twilio.TwilioMessaging;
import io.touchpoint.testapp.DuringSend;
import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How a delivery status reaches the catch event waiting for it, whatever the timing: before the
 * gateway committed, before the send recorded the provider's id, after a timer won, twice, out of
 * order, for nobody, and for many journeys at once; and a status whose journey fails each time it
 * is correlated (a poisoned wait). Run on H2 and on PostgreSQL.
 */
abstract class StatusCorrelationContract extends JourneyTest {

  private static final AtomicInteger PHONES = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired
  DuringSend duringSend;
  @Autowired
  StatusWaitSweeper sweeper;
  @Autowired
  StatusWaits waits;
  @Autowired
  StatusCorrelator correlator;
  @Autowired
  StatusReportInbox inbox;
  @Autowired
  DeliveryStatusService statuses;

  @BeforeEach
  void deployJourney() {
    deploy("bpmn/send-with-hook.bpmn", "bpmn/poisoned-wait.bpmn");
  }

  @AfterEach
  void disarm() {
    duringSend.disarm();
  }

  @Test
  void statusArrivingBeforeTheGatewayCommittedIsCorrelatedOnceItDoes() {
    ProcessInstance journey = startJourney();
    duringSend.arm(execution -> {
      String deliveryId = (String) execution.getVariable(StatusMessages.deliveryVariable("Send"));
      String sid = ledger.findById(deliveryId).orElseThrow().providerMessageId();
      // a callback on another thread, completed while this transaction is still open
      ExecutorService callbackThread = Executors.newSingleThreadExecutor();
      try {
        assertThat(callbackThread.submit(() -> twilioReportsStatus(sid, "delivered")).get(20, TimeUnit.SECONDS)
            .statusCode()).isEqualTo(204);
      } catch (InterruptedException | ExecutionException | TimeoutException e) {
        throw new AssertionError("the callback did not complete while the send's transaction was open", e);
      } finally {
        callbackThread.shutdownNow();
      }
    });

    runDueJobs(journey);

    eventually().untilAsserted(() -> assertThat(journey).hasPassed("Delivered").isEnded());
    assertThat(journey).hasNotPassed("Failed", "Silence");
  }

  @Test
  void statusArrivingBeforeTheSendRecordedTheMessageIdIsKeptAndApplied() {
    String phone = nextPhone();
    String sid = "SMEARLY" + UUID.randomUUID().toString().replace("-", "");
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(created(sid)));
    assertThat(twilioReportsStatus(sid, "delivered").statusCode()).isEqualTo(204);

    ProcessInstance journey = startJourney(phone);
    runDueJobs(journey);

    eventually().untilAsserted(() -> assertThat(journey).hasPassed("Delivered").isEnded());
  }

  @Test
  void statusAfterTheTimerWonIsRecordedButMovesNothing() {
    ProcessInstance journey = startJourney();
    runDueJobs(journey);
    timePasses(Duration.ofMinutes(61), journey);
    assertThat(journey).hasPassed("Silence", "EndSilent").isEnded();

    Delivery delivery = deliveryOf(journey);
    assertThat(twilioReportsStatus(delivery.providerMessageId(), "delivered").statusCode()).isEqualTo(204);

    assertThat(ledger.statuses(delivery.id())).contains(DeliveryStatus.DELIVERED);
    assertThat(journey).hasNotPassed("Delivered", "Failed");
  }

  @Test
  void sameStatusTwiceIsAppliedOnce() {
    ProcessInstance journey = startJourney();
    runDueJobs(journey);
    String sid = deliveryOf(journey).providerMessageId();

    twilioReportsStatus(sid, "delivered");
    twilioReportsStatus(sid, "delivered");

    assertThat(journey).hasPassed("Delivered").isEnded();
    assertThat(timesPassed(journey, "Delivered")).isEqualTo(1);
    assertThat(statusRows(deliveryOf(journey).id())).isEqualTo(2); // sent (implied) and delivered, once each
  }

  @Test
  void replyBeforeTheDeliveryReceiptTakesTheDeliveredBranchOnce() {
    String phone = nextPhone();
    ProcessInstance journey = startJourney(phone);
    runDueJobs(journey);
    Delivery delivery = deliveryOf(journey);

    contactTexts(phone, "Sounds good");
    assertThat(journey).hasPassed("Delivered").isEnded();
    twilioReportsStatus(delivery.providerMessageId(), "sent");
    twilioReportsStatus(delivery.providerMessageId(), "delivered");

    assertThat(ledger.statuses(delivery.id()))
        .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.REPLIED);
    assertThat(timesPassed(journey, "Delivered")).isEqualTo(1);
  }

  @Test
  void statusForAnUnknownMessageIsStoredAndMovesNothing() {
    ProcessInstance journey = startJourney();
    runDueJobs(journey);
    String unknown = "SMUNKNOWN" + UUID.randomUUID().toString().replace("-", "");

    assertThat(twilioReportsStatus(unknown, "delivered").statusCode()).isEqualTo(204);

    assertThat(touchpointJdbc.sql("select count(*) from tp_status_report where provider_message_id = ? and delivery_id is null")
        .param(unknown).query(Integer.class).single()).isEqualTo(1);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void statusStoredButNeverCorrelatedIsCorrelatedByTheSweeper() {
    ProcessInstance journey = startJourney();
    runDueJobs(journey);
    // as if the node died between storing the status and correlating it
    ledger.recordStatus(deliveryOf(journey).id(), DeliveryStatus.DELIVERED, "delivered", null, Instant.now());
    assertThat(journey).isWaitingAt("Outcome");

    assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

    assertThat(journey).hasPassed("Delivered").isEnded();
  }

  @Test
  void aReportLeftUnmatchedAfterItsSendsAnswerIsAppliedByTheSweeper() {
    ProcessInstance journey = startJourney();
    runDueJobs(journey);
    Delivery delivery = deliveryOf(journey);
    // as if the report came unmatched while the answer was being recorded, and the look after the answer's
    // commit never ran (its node died right after the commit)
    inbox.store(new StatusReport(TwilioMessaging.NAME, delivery.providerMessageId(), DeliveryStatus.DELIVERED, "delivered",
        null, Instant.now(), null), null);
    assertThat(journey).isWaitingAt("Outcome");

    sweeper.sweep();

    assertThat(ledger.statuses(delivery.id())).contains(DeliveryStatus.DELIVERED);
    assertThat(journey).hasPassed("Delivered").isEnded();
  }

  @Test
  void concurrentConflictingStatusesForManyJourneysAdvanceEachJourneyExactlyOnce() throws Exception {
    List<ProcessInstance> journeys = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      ProcessInstance journey = startJourney();
      runDueJobs(journey);
      journeys.add(journey);
    }
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (ProcessInstance journey : journeys) {
      String sid = deliveryOf(journey).providerMessageId();
      for (String status : List.of("delivered", "failed", "delivered", "sent")) {
        calls.add(CompletableFuture.supplyAsync(() -> twilioReportsStatus(sid, status), callers));
      }
    }
    CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
    callers.shutdown();

    assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(204));
    eventually().untilAsserted(() -> assertThat(journeys).allSatisfy(journey -> assertThat(journey).isEnded()));
    for (ProcessInstance journey : journeys) {
      assertThat(timesPassed(journey, "Delivered") + timesPassed(journey, "Failed")).isEqualTo(1);
      assertThat(historyService.createHistoricIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    }
  }

  // ---- statuses that can never be correlated (poisoned waits)

  @Test
  void aStatusWhoseJourneyFailsRightAfterItsCatchIsRetriedEverLaterThenGivenUpOn() throws Exception {
    ProcessInstance journey = startPoisonedJourney(null);
    Delivery delivery = deliveryOf(journey);

    assertThat(twilioReportsStatus(delivery.providerMessageId(), "delivered").statusCode()).isEqualTo(204);
    assertThat(attempts(delivery.id())).isEqualTo(1);
    sweeper.sweep();
    assertThat(attempts(delivery.id())).as("not due before its delay").isEqualTo(1);
    touchpointClock.advance(Duration.ofSeconds(10));
    sweeper.sweep();
    assertThat(attempts(delivery.id())).isEqualTo(2);
    touchpointClock.advance(Duration.ofSeconds(10));
    sweeper.sweep();
    assertThat(attempts(delivery.id())).as("the delay doubled").isEqualTo(2);
    touchpointClock.advance(Duration.ofSeconds(10));
    sweeper.sweep();
    assertThat(attempts(delivery.id())).isEqualTo(3);
    for (int attempt = 4; attempt <= 10; attempt++) {
      touchpointClock.advance(Duration.ofHours(1));
      sweeper.sweep();
    }

    assertThat(waitRows(delivery.id())).isZero();
    JsonNode dead = deadLetterOf(delivery.id());
    assertThat(dead.get("status").asText()).isEqualTo("delivered");
    assertThat(dead.get("processInstanceId").asText()).isEqualTo(journey.getId());
    assertThat(dead.get("attempts").asInt()).isEqualTo(10);
    assertThat(dead.get("lastError").asText()).contains("route");
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void aStatusThatKeepsFailingDoesNotHoldUpTheOthers() {
    sweeper.sweep(); // settles what earlier tests left due
    ProcessInstance poisoned = startPoisonedJourney(null);
    ProcessInstance healthy = startPoisonedJourney("express");
    // as if the node died after storing both statuses: the poisoned one waited longer
    ledger.recordStatus(deliveryOf(poisoned).id(), DeliveryStatus.DELIVERED, "delivered", null, Instant.now());
    ledger.recordStatus(deliveryOf(healthy).id(), DeliveryStatus.DELIVERED, "delivered", null, Instant.now());
    StatusWaitSweeper oneAtATime = new StatusWaitSweeper(waits, correlator, statuses, 1);

    oneAtATime.sweep();
    oneAtATime.sweep();

    assertThat(healthy).hasPassed("Delivered", "EndExpress").isEnded();
    assertThat(poisoned).isWaitingAt("Outcome");
    assertThat(attempts(deliveryOf(poisoned).id())).isEqualTo(1);
  }

  @Test
  void anOperatorRetriesAStatusGivenUpOnOnceTheCauseIsFixed() throws Exception {
    ProcessInstance journey = startPoisonedJourney(null);
    String id = givenUpOn(journey).get("id").asText();
    assertThat(JSON.readTree(callApi("POST", "/api/dead-letters/" + id + "/retry").body()).get("result").asText())
        .as("the cause is still there").isEqualTo("failed");
    String again = givenUpOn(journey).get("id").asText();

    runtimeService.setVariable(journey.getId(), "route", "express");
    HttpResponse<String> retried = callApi("POST", "/api/dead-letters/" + again + "/retry");

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retried.body()).get("result").asText()).isEqualTo("correlated");
    assertThat(journey).hasPassed("Delivered", "EndExpress").isEnded();
    assertThat(callApi("POST", "/api/dead-letters/" + again + "/retry").statusCode()).isEqualTo(404);
  }

  @Test
  void anOperatorDiscardsAStatusGivenUpOnAndTheJourneyWaitsOnForItsTimer() throws Exception {
    ProcessInstance journey = startPoisonedJourney(null);
    String id = givenUpOn(journey).get("id").asText();
    assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/api/dead-letters")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode()).as("without an API key").isEqualTo(401);

    assertThat(callApi("DELETE", "/api/dead-letters/" + id).statusCode()).isEqualTo(204);

    HttpResponse<String> gone = callApi("GET", "/api/dead-letters/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    timePasses(Duration.ofDays(1).plusMinutes(1), journey);
    assertThat(journey).hasPassed("Silence", "EndSilent").isEnded();
  }

  @Test
  void aJourneyThatEndsTakesItsDeadLettersAlong() throws Exception {
    ProcessInstance journey = startPoisonedJourney(null);
    String id = givenUpOn(journey).get("id").asText();

    timePasses(Duration.ofDays(1).plusMinutes(1), journey);

    assertThat(journey).isEnded();
    assertThat(callApi("GET", "/api/dead-letters/" + id).statusCode()).isEqualTo(404);
  }

  /** A journey whose gateway after the status catch reads {@code route}: without one, it fails there. */
  private ProcessInstance startPoisonedJourney(String route) {
    String contact = "p-" + UUID.randomUUID();
    HttpResponse<String> response = sendEvent("""
        {"name":"test.poisoned","contact":{"id":"%s","phone":"%s"},"data":{%s}}""".formatted(contact, nextPhone(),
        route == null ? "" : "\"route\":\"" + route + "\""));
    assertThat(response.statusCode()).isEqualTo(202);
    ProcessInstance journey = instanceOf("poisoned-wait", contact);
    runDueJobs(journey);
    return journey;
  }

  /** Its delivery reports "delivered", and every attempt to correlate that fails until it is given up on. */
  private JsonNode givenUpOn(ProcessInstance journey) throws IOException {
    Delivery delivery = deliveryOf(journey);
    twilioReportsStatus(delivery.providerMessageId(), "delivered");
    for (int attempt = 0; attempt < 10 && waitRows(delivery.id()) > 0; attempt++) {
      touchpointClock.advance(Duration.ofHours(1));
      sweeper.sweep();
    }
    return deadLetterOf(delivery.id());
  }

  private JsonNode deadLetterOf(String deliveryId) throws IOException {
    HttpResponse<String> list = callApi("GET", "/api/dead-letters");
    assertThat(list.statusCode()).isEqualTo(200);
    for (JsonNode dead : JSON.readTree(list.body()).get("deadLetters")) {
      if (dead.get("deliveryId").asText().equals(deliveryId)) {
        return dead;
      }
    }
    throw new AssertionError("no dead letter for delivery " + deliveryId + " in " + list.body());
  }

  private int attempts(String deliveryId) {
    return touchpointJdbc.sql("select max(attempts) from tp_status_wait where delivery_id = ?")
        .param(deliveryId).query(Integer.class).single();
  }

  private int waitRows(String deliveryId) {
    return touchpointJdbc.sql("select count(*) from tp_status_wait where delivery_id = ?")
        .param(deliveryId).query(Integer.class).single();
  }

  private ProcessInstance startJourney() {
    return startJourney(nextPhone());
  }

  private ProcessInstance startJourney(String phone) {
    String contact = "c-" + UUID.randomUUID();
    HttpResponse<String> response = sendEvent("""
        {"name":"test.hook","contact":{"id":"%s","phone":"%s","firstName":"Kim"}}""".formatted(contact, phone));
    assertThat(response.statusCode()).isEqualTo(202);
    return instanceOf("send-with-hook", contact);
  }

  private Delivery deliveryOf(ProcessInstance journey) {
    return ledger.findById((String) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(journey.getId()).variableName(StatusMessages.deliveryVariable("Send"))
        .singleResult().getValue()).orElseThrow();
  }

  private long timesPassed(ProcessInstance journey, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(journey.getId())
        .activityId(activityId).finished().count();
  }

  private int statusRows(String deliveryId) {
    return touchpointJdbc.sql("select count(*) from tp_delivery_status where delivery_id = ?")
        .param(deliveryId).query(Integer.class).single();
  }

  private static String nextPhone() {
    return "+1555%07d".formatted(PHONES.incrementAndGet() + (long) (Math.random() * 1_000_000) * 10);
  }
}
