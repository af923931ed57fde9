package io.touchpoint.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SMS channel task against a local fake of Twilio's API, through the real Twilio SDK. */
class SmsOverTwilioTest extends JourneyTest {

  String phone;
  ProcessInstance journey;

  @BeforeEach
  void kimSignsUp() {
    deploy("bpmn/send-with-hook.bpmn");
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    journey = kimSignsUpForTheHookJourney(phone);
  }

  @Test
  void sendsTheRenderedTextWithAStatusCallbackAndTheAccountCredentials() {
    runDueJobs(journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withHeader("Authorization", matching("Basic .+"))
        .withFormParam("To", equalTo(phone))
        .withFormParam("From", equalTo("+15550000000"))
        .withFormParam("Body", equalTo("Hello Kim"))
        .withFormParam("StatusCallback", matching("https://touchpoint\\.test/callbacks/twilio/status\\?send=[0-9a-f-]{36}")));
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(delivery.providerMessageId()).startsWith("SM");
    assertThat(delivery.recipient()).isEqualTo(phone);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void serverErrorIsRetriedPerTheTemplateByAJobAtTheSendTask() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone))
        .willReturn(aResponse().withStatus(503).withBody("{\"code\":20503,\"message\":\"unavailable\",\"status\":503}")));

    runDueJobs(journey);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    Job retry = sendJob();
    assertThat(retry.getRetries()).isEqualTo(2);
    assertThat(retry.getDuedate()).isAfter(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 4 * 60_000));
    assertThat(retry.getExceptionMessage()).contains("503");
    assertThat(journey).isWaitingAt("Send");
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.RETRYING);
  }

  @Test
  void aRetryAfterTheOutageSendsOnceAndTheJourneyGoesOn() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(503)));
    runDueJobs(journey);
    TWILIO.resetAll();
    twilioAcceptsMessages();

    timePasses(Duration.ofMinutes(6), journey);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void exhaustedRetriesBecomeAnIncidentAtTheSendTask() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(500)));

    runDueJobs(journey);
    for (int retry = 0; retry < 2; retry++) {
      timePasses(Duration.ofMinutes(6), journey);
    }

    TWILIO.verify(3, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    var incident = runtimeService.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Send");
    assertThat(incident.getIncidentMessage()).contains("500");
    assertThat(journey).isWaitingAt("Send");
  }

  @Test
  void anOperatorsRetryOfTheIncidentSendsAgain() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(500)));
    runDueJobs(journey);
    for (int retry = 0; retry < 2; retry++) {
      timePasses(Duration.ofMinutes(6), journey);
    }
    TWILIO.resetAll();
    twilioAcceptsMessages();

    managementService.setJobRetries(sendJob().getId(), 1);
    runDueJobs(journey);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void tooManyRequestsDefersTheRetryUntilRetryAfterWithoutSpendingARetry() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

    runDueJobs(journey);

    Job retry = sendJob();
    assertThat(retry.getDuedate()).isAfterOrEqualTo(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 3_590_000));
    assertThat(retry.getRetries()).isEqualTo(3);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
  }

  @Test
  void invalidNumberIsRejectedForGoodAndTakesTheFailedBranch() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}")));

    runDueJobs(journey);

    eventually().untilAsserted(() -> assertThat(journey).hasPassed("Failed").isEnded());
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(delivery.outcomeCode()).isEqualTo("21211");
    assertThat(delivery.outcomeReason()).contains("not a valid phone number");
  }

  @Test
  void contactWhoTextedStopIsSkippedAndTakesTheFailedBranch() {
    assertThat(contactTexts(phone, "STOP").statusCode()).isEqualTo(200);

    runDueJobs(journey);

    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(delivery.outcomeCode()).isEqualTo("OPTED_OUT");
    assertThat(ledger.statuses(delivery.id())).containsExactly(DeliveryStatus.FAILED);
    eventually().untilAsserted(() -> assertThat(journey).hasPassed("Failed").isEnded());
  }

  @Test
  void contactWhoTextedStartAfterStopIsMessagedAgain() {
    contactTexts(phone, "stop");
    contactTexts(phone, "START");

    runDueJobs(journey);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
  }

  @Test
  void contactWithoutAPhoneNumberIsSkippedWithTheReason() {
    String contact = "nophone-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.hook","contact":{"id":"%s","firstName":"Lou"}}""".formatted(contact));
    ProcessInstance withoutPhone = instanceOf("send-with-hook", contact);

    runDueJobs(withoutPhone);

    Delivery delivery = deliveryOf(withoutPhone, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(delivery.outcomeReason()).contains("to must not be blank");
    eventually().untilAsserted(() -> assertThat(withoutPhone).hasPassed("Failed").isEnded());
  }

  @Test
  void replyIsRecordedAgainstTheLatestMessageToThatNumber() {
    runDueJobs(journey);

    contactTexts(phone, "Who is this?");

    assertThat(ledger.statuses(deliveryOf(journey, "Send").id())).contains(DeliveryStatus.REPLIED);
    assertThat(journey).hasPassed("Delivered").isEnded();
  }

  @Test
  void repliesBeyondTheConnectionPoolsSizeAreAllTaken() {
    runDueJobs(journey);

    // each reply looks up the message it answers: a lookup that kept its connection would exhaust the pool (10)
    for (int reply = 1; reply <= 12; reply++) {
      assertThat(contactTexts(phone, "Thanks, reply " + reply).statusCode()).isEqualTo(200);
    }

    assertThat(touchpointJdbc.sql("select count(*) from tp_inbound_message where delivery_id = ?")
        .param(deliveryOf(journey, "Send").id()).query(Integer.class).single()).isEqualTo(12);
  }

  private Job sendJob() {
    return managementService.createJobQuery().processInstanceId(journey.getId()).activityId("Send").singleResult();
  }
}
