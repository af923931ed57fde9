package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.governor.ProviderBudget;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A node held up between marking a send SENDING and calling the provider (its VM froze, its database was out of
 * reach) for longer than half of dead-after may have been presumed dead meanwhile, and the send taken over, looked up
 * at the provider, not found and made by another node: the late call is not made. A send still this node's goes out
 * once, later. And a node that takes over a call that may still be on its way looks it up only once it cannot be,
 * however far its clock is from the marking node's.
 * The hold-up is played in the provider's pause read, the lane's last database read before the call.
 */
@TestPropertySource(properties = {
    "touchpoint.governor.throttle-refresh=0s",
    "touchpoint.pipeline.heartbeat=2s",
    // calls held up for more than 3 s are not made
    "touchpoint.pipeline.dead-after=6s"})
class HeldUpCallTest extends JourneyTest {

  private static final long CALL_DEADLINE_MILLIS = 3_000;

  @MockitoSpyBean
  ProviderBudget budget;

  @Autowired
  SendRecovery recovery;

  @Autowired
  NodeRegistry nodes;

  private final CountDownLatch heldUp = new CountDownLatch(1);
  private final CountDownLatch goOn = new CountDownLatch(1);
  private String phone;
  private ProcessInstance journey;

  @BeforeEach
  void kimSignsUpAndTheNextCallWillBeHeldUp() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    TWILIO.stubFor(sendMessage().willReturn(aResponse()
        .withTransformers(TwilioMessagesFake.NAME)));
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    journey = kimSignsUpForTheHookJourney(phone);
    AtomicBoolean once = new AtomicBoolean(true);
    doAnswer(read -> {
      if (Thread.currentThread().getName().startsWith("touchpoint-send-") && once.getAndSet(false)) {
        heldUp.countDown();
        goOn.await();
      }
      return read.callRealMethod();
    }).when(budget).pausedUntil(anyString());
  }

  @Test
  void aCallHeldUpWhileAnotherNodeTookItsSendOverIsNotMade() throws Exception {
    theSendIsMarkedAndItsCallHeldUp();
    String otherNode = "other-host/" + UUID.randomUUID();
    theJourneysSendsPassTo(otherNode, journey);

    theHoldUpEndsPastTheDeadline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    assertThat(deliveryOf(journey, "Send").outcome()).as("the other node's to settle").isEqualTo(Outcome.SENDING);
    assertThat(touchpointJdbc.sql("select owner_node from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(String.class).single()).isEqualTo(otherNode);
  }

  @Test
  void aCallHeldUpPastItsDeadlineOnASendStillItsOwnGoesOutOnceLater() throws Exception {
    theSendIsMarkedAndItsCallHeldUp();

    theHoldUpEndsPastTheDeadline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aCallTakenOverWhileItsNodeWasStillMakingItIsLookedUpOnlyOnceItCannotBeOnItsWay() throws Exception {
    twilioListsItsMessages();
    theSendIsMarkedAndItsCallHeldUp();
    // a database outage stopped every heartbeat: the node is taken for dead while its call is about to go out
    theJourneysSendsPassTo(aNodeThatDied(), journey);

    theTakerWaitsWhileTheCallGoesOut();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aTakerWhoseClockRunsAheadOfTheMarkingNodesStillWaitsForTheCallToGoOut() throws Exception {
    twilioListsItsMessages();
    theSendIsMarkedAndItsCallHeldUp();
    theJourneysSendsPassTo(aNodeThatDied(), journey);
    touchpointClock.advance(Duration.ofHours(1));

    theTakerWaitsWhileTheCallGoesOut();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  /** The taker's first recovery run leaves the call alone; one after the call's deadline looks it up. */
  private void theTakerWaitsWhileTheCallGoesOut() {
    recovery.run();
    goOn.countDown();
    awaitSendPipeline();
    theCallsWereMarkedEarlier(Duration.ofMillis(CALL_DEADLINE_MILLIS + 1_500), nodes.nodeId());
    recovery.run();
    awaitSendPipeline();
  }

  private void theSendIsMarkedAndItsCallHeldUp() throws InterruptedException {
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
