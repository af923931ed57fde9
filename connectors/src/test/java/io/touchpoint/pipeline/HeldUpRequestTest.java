package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A node held up after the lane's check of the call's deadline and before the request is written — paused in a
 * container, stopped by a long collector pause or a starved CPU while the Twilio SDK builds the request — may have
 * been presumed dead meanwhile, and the send taken over, looked up, not found and made by another node: when it
 * resumes, its HTTP client checks the deadline again, right before writing, and the late call is not made. A send
 * still this node's goes out once, later. (The hold-up before the lane's check: {@link HeldUpCallTest}.)
 */
@TestPropertySource(properties = {
    "touchpoint.pipeline.heartbeat=2s",
    // calls held up for more than 3 s are not made
    "touchpoint.pipeline.dead-after=6s"})
class HeldUpRequestTest extends JourneyTest {

  private static final long CALL_DEADLINE_MILLIS = 3_000;

  @MockitoSpyBean
  TwilioRestClient twilio;

  private final CountDownLatch heldUp = new CountDownLatch(1);
  private final CountDownLatch goOn = new CountDownLatch(1);
  private String phone;
  private ProcessInstance journey;

  @BeforeEach
  void kimSignsUpAndTheNextRequestWillBeHeldUp() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    journey = kimSignsUpForTheHookJourney(phone);
    AtomicBoolean once = new AtomicBoolean(true);
    doAnswer(request -> {
      if (Thread.currentThread().getName().startsWith("touchpoint-send-") && once.getAndSet(false)) {
        heldUp.countDown();
        goOn.await();
      }
      return request.callRealMethod();
    }).when(twilio).request(any(Request.class));
  }

  @Test
  void aRequestHeldUpWhileAnotherNodeTookItsSendOverIsNotWritten() throws Exception {
    theSendIsMarkedAndItsRequestHeldUp();
    String otherNode = "other-host/" + UUID.randomUUID();
    theJourneysSendsPassTo(otherNode, journey);

    theHoldUpEndsPastTheDeadline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    assertThat(deliveryOf(journey, "Send").outcome()).as("the other node's to settle").isEqualTo(Outcome.SENDING);
    assertThat(touchpointJdbc.sql("select owner_node from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(String.class).single()).isEqualTo(otherNode);
  }

  @Test
  void aRequestHeldUpPastItsDeadlineOnASendStillItsOwnGoesOutOnceLater() throws Exception {
    theSendIsMarkedAndItsRequestHeldUp();

    theHoldUpEndsPastTheDeadline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  private void theSendIsMarkedAndItsRequestHeldUp() throws InterruptedException {
    managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.getId())
        .activityId("Send").singleResult().getId());
    assertThat(heldUp.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.SENDING);
  }

  private void theHoldUpEndsPastTheDeadline() throws InterruptedException {
    Thread.sleep(CALL_DEADLINE_MILLIS + 500);
    goOn.countDown();
    awaitSendPipeline();
  }
}
