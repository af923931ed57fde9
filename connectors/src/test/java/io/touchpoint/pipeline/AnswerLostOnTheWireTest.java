package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request to Twilio goes out and the connection drops before the answer comes back (a proxy closing a kept-alive
 * connection, a network fault): Twilio may or may not have the message. The node asks Twilio's own list before any
 * retry, so the contact gets the message once either way.
 */
class AnswerLostOnTheWireTest extends JourneyTest {

  @Autowired
  SendRecovery recovery;

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
  void aMessageTwilioTookBeforeTheConnectionDroppedIsRecordedFromTwilioAndNotSentAgain() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)
        .withTransformers(TwilioMessagesFake.NAME)));
    theSendStepRuns();
    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.SENDING);
    assertThat(retryJob()).isNull();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));

    recovery.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aMessageTwilioNeverTookIsSentOnceByTheTasksRetry() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
    theSendStepRuns();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));

    recovery.run();
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.RETRYING);
    managementService.executeJob(retryJob().getId());
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
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
