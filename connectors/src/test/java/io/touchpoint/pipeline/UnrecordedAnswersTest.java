package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.DuringSend;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The provider answers faster than the node records: once {@code unrecorded-answers} answers wait, the lane makes
 * no further call, and it carries on as they are recorded. Nothing is sent twice and nothing is left behind.
 */
@TestPropertySource(properties = {"touchpoint.pipeline.unrecorded-answers=2", "touchpoint.pipeline.concurrency=1"})
class UnrecordedAnswersTest extends JourneyTest {

  private static final int CONTACTS = 6;

  @Autowired
  DuringSend duringSend;

  private final CountDownLatch recordersMayGoOn = new CountDownLatch(1);

  @AfterEach
  void letTheRecordersGoOn() {
    recordersMayGoOn.countDown();
    duringSend.disarm();
  }

  @Test
  void theLaneCallsNoFurtherAheadThanTheNodeRecords() throws InterruptedException {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    // every answer's recording stops inside its transaction, as on a node whose cores are busy elsewhere
    duringSend.arm(execution -> {
      try {
        recordersMayGoOn.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    List<ProcessInstance> journeys = new ArrayList<>();
    for (int i = 0; i < CONTACTS; i++) {
      journeys.add(kimSignsUpForTheHookJourney("+1555300%04d".formatted(i)));
    }

    sendTasksRun(journeys);

    // two answers wait to be recorded; the lane's one worker holds the third and calls no more
    eventually().until(() -> TWILIO_MESSAGES.messages().size() >= 3);
    Thread.sleep(1_000);
    assertThat(TWILIO_MESSAGES.messages()).as("calls made while the node records nothing").hasSize(3);
    assertThat(sendPipeline.unrecordedAnswers()).isEqualTo(2);

    recordersMayGoOn.countDown();

    eventually().until(() -> journeys.stream()
        .allMatch(journey -> deliveryOf(journey, "Send").outcome() == Outcome.ACCEPTED));
    assertThat(TWILIO_MESSAGES.messages()).extracting(TwilioMessagesFake.Message::to).doesNotHaveDuplicates()
        .hasSize(CONTACTS);
    journeys.forEach(journey -> assertThat(journey).isWaitingAt("Outcome"));
    eventually().until(() -> sendPipeline.unrecordedAnswers() == 0);
  }
}
