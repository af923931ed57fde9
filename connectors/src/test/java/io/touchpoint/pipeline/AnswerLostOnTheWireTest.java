package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The request to Twilio goes out and the connection drops before the answer comes back (a proxy closing a kept-alive
 * connection, a network fault): Twilio may or may not have the message, or may still be working on it. The node asks
 * Twilio's own list before any retry, and a minute later once more before it counts the message as not sent, so the
 * contact gets the message once either way.
 */
@ExtendWith(OutputCaptureExtension.class)
class AnswerLostOnTheWireTest extends JourneyTest {

  @Autowired
  SendRecovery recovery;

  @Autowired
  DataSource dataSource;

  String phone;
  ProcessInstance journey;

  @BeforeEach
  void kimSignsUp() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    twilioListsItsMessages();
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    journey = kimSignsUpForTheHookJourney(phone);
  }

  @Test
  void aMessageTwilioTookBeforeTheConnectionDroppedIsRecordedFromTwilioAndNotSentAgain(CapturedOutput log) {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)
        .withTransformers(TwilioMessagesFake.NAME)));
    theSendStepRuns();
    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.SENDING);
    assertThat(retryJob()).isNull();
    assertThat(log).as("an operator sees why, and what happens next")
        .contains("TOUCHPOINT-TWILIO-003 Twilio's answer was lost")
        .contains("delivery " + deliveryOf(journey, "Send").id() + " is looked up at the provider before any retry");
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));

    recovery.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aMessageTwilioStillDoesNotHaveAMinuteLaterIsSentAgainAtOnceSpendingOneRetry() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    theSendStepRuns();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));

    recovery.run();
    awaitSendPipeline();
    // not there yet, but Twilio may still be working on the request
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.SENDING);
    assertThat(retryJob()).isNull();
    aMinutePasses();
    recovery.run();
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.RETRYING);
    Job retry = retryJob();
    assertThat(retry.getDuedate()).isBeforeOrEqualTo(ClockUtil.getCurrentTime()); // not the task's 5 minutes
    assertThat(retry.getRetries()).isEqualTo(2); // R3: the lost attempt was one
    managementService.executeJob(retry.getId());
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void aMessageTwilioTookOnlyAfterTheFirstLookIsFoundAtTheSecondAndNotSentAgain() throws Exception {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    theSendStepRuns();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    recovery.run();
    awaitSendPipeline();

    twilioFinishesTheDroppedRequestLate();
    aMinutePasses();
    recovery.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  /**
   * The node is busy (a takeover, a campaign) and records answers late: the verdict "send it again" is still waiting
   * to be recorded at the next recovery run. That run leaves the send alone; a second verdict, recorded after the
   * retry the first had scheduled began, would have failed that retry and sent the message once more.
   */
  @Test
  void aVerdictWaitingToBeRecordedIsNotMadeTwiceSoTheMessageGoesOutOnce() throws Exception {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    theSendStepRuns();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    aMinutePasses();
    try (Connection recordersBehind = dataSource.getConnection()) {
      recordersBehind.setAutoCommit(false);
      try (PreparedStatement lock = recordersBehind.prepareStatement(
          "select * from tp_delivery where id = ? for update")) {
        lock.setString(1, deliveryOf(journey, "Send").id());
        lock.executeQuery().close();
      }
      recovery.run();
      int looks = looksAtTwiliosList();
      recovery.run();
      assertThat(looksAtTwiliosList()).as("looks at Twilio's list").isEqualTo(looks).isPositive();
      recordersBehind.commit();
    }
    awaitSendPipeline();
    managementService.executeJob(retryJob().getId());
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
  }

  private int looksAtTwiliosList() {
    return TWILIO.findAll(getRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("To", equalTo(phone))).size();
  }

  /** Time passes for the send recovery, which reads the database's clock: the attempt began a minute earlier. */
  private void aMinutePasses() {
    theCallsWereMarkedEarlier(Duration.ofMinutes(1), sendPipeline.nodeId());
  }

  /** Twilio was still working on the request when its connection dropped: the message appears after the first look. */
  private void twilioFinishesTheDroppedRequestLate() throws Exception {
    LoggedRequest dropped = TWILIO.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).stream()
        .filter(request -> request.getBodyAsString().contains(URLEncoder.encode(phone, StandardCharsets.UTF_8)))
        .findFirst().orElseThrow();
    HttpResponse<String> created = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(TWILIO.baseUrl() + MESSAGES_PATH))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(dropped.getBodyAsString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
  }

  private void theSendStepRuns() {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.getId())
        .activityId("Send").singleResult().getId());
    awaitSendPipeline();
  }

  private Job retryJob() {
    return managementService.createJobQuery().processInstanceId(journey.getId()).singleResult();
  }
}
