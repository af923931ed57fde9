package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A campaign outruns its provider: the lane's queue is full, so further sends stay QUEUED in the ledger only. They
 * are not forgotten: the node's recovery hands them to the lane as it empties, each once.
 */
@TestPropertySource(properties = {"touchpoint.pipeline.queue-capacity=1", "touchpoint.pipeline.concurrency=1"})
class FullLaneTest extends JourneyTest {

  private static final int CONTACTS = 6;

  @Autowired
  SendRecovery recovery;

  @Test
  void sendsAFullLaneTurnedAwayAreSentOnceItHasRoom() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFixedDelay(1_500)
        .withTransformers(TwilioMessagesFake.NAME)));
    List<ProcessInstance> journeys = new ArrayList<>();
    for (int i = 0; i < CONTACTS; i++) {
      journeys.add(kimSignsUpForTheHookJourney("+1555200%04d".formatted(i)));
    }
    sendTasksRun(journeys);
    awaitSendPipeline();
    assertThat(journeys.stream().filter(journey -> deliveryOf(journey, "Send").outcome() == Outcome.QUEUED))
        .as("sends the full lane turned away").isNotEmpty();

    eventually().until(() -> {
      recovery.run();
      awaitSendPipeline();
      return journeys.stream().allMatch(journey -> deliveryOf(journey, "Send").outcome() == Outcome.ACCEPTED);
    });

    assertThat(TWILIO_MESSAGES.messages()).hasSize(CONTACTS);
    journeys.forEach(journey -> assertThat(journey).isWaitingAt("Outcome"));
  }
}
