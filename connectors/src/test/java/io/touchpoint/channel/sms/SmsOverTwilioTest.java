package io.touchpoint.channel.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.DuringSend;
import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The SMS channel task against a local fake of Twilio's API, through the real Twilio SDK. */
class SmsOverTwilioTest extends JourneyTest {

  @Autowired
  DuringSend duringSend;

  String phone;
  ProcessInstance journey;

  @BeforeEach
  void kimSignsUp() {
    deploy("bpmn/send-with-hook.bpmn");
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    String contact = "kim-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.hook","contact":{"id":"%s","phone":"%s","firstName":"Kim"}}""".formatted(contact, phone));
    journey = instanceOf("send-with-hook", contact);
  }

  @AfterEach
  void disarm() {
    duringSend.disarm();
  }

  @Test
  void sendsTheRenderedTextWithAStatusCallbackAndTheAccountCredentials() {
    runDueJobs(journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withHeader("Authorization", matching("Basic .+"))
        .withFormParam("To", equalTo(phone))
        .withFormParam("From", equalTo("+15550000000"))
        .withFormParam("Body", equalTo("Hello Kim"))
        .withFormParam("StatusCallback", equalTo("https://touchpoint.test/callbacks/twilio/status")));
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(delivery.providerMessageId()).startsWith("SM");
    assertThat(delivery.recipient()).isEqualTo(phone);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void serverErrorFailsTheJobAfterOneAttemptAndRetriesPerTheTemplate() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone))
        .willReturn(aResponse().withStatus(503).withBody("{\"code\":20503,\"message\":\"unavailable\",\"status\":503}")));
    Job job = sendJob();

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    Job retried = sendJob();
    assertThat(retried.getRetries()).isEqualTo(2);
    assertThat(retried.getDuedate()).isAfter(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 4 * 60_000));
  }

  @Test
  void exhaustedRetriesBecomeAnIncident() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone)).willReturn(aResponse().withStatus(500)));

    for (int attempt = 0; attempt < 4; attempt++) {
      Job job = sendJob();
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
      ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(6).toMillis()));
    }

    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).count()).isEqualTo(1);
    TWILIO.verify(4, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
  }

  @Test
  void tooManyRequestsDefersTheRetryUntilRetryAfter() {
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(phone))
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
    Job job = sendJob();

    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);

    assertThat(sendJob().getDuedate())
        .isAfterOrEqualTo(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 3_590_000));
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
    assertThat(delivery.outcomeReason()).startsWith("21211");
  }

  @Test
  void aJobRetryAfterTheProviderAcceptedNeverSendsAgain() {
    AtomicBoolean crashOnce = new AtomicBoolean(true);
    duringSend.arm(execution -> {
      if (crashOnce.getAndSet(false)) {
        throw new IllegalStateException("the node lost its database connection after the send");
      }
    });
    Job job = sendJob();
    assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("lost its database");

    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofMinutes(6).toMillis()));
    runDueJobs(journey);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    assertThat(journey).isWaitingAt("Outcome");
    twilioReportsStatus(deliveryOf(journey, "Send").providerMessageId(), "delivered");
    assertThat(journey).hasPassed("Delivered").isEnded();
  }

  @Test
  void contactWhoTextedStopIsSkippedAndTakesTheFailedBranch() {
    assertThat(contactTexts(phone, "STOP").statusCode()).isEqualTo(200);

    runDueJobs(journey);

    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
    Delivery delivery = deliveryOf(journey, "Send");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(delivery.outcomeReason()).contains("opted out");
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
