package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.governor.ProviderBudget;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A node held up between marking a send SENDING and writing its request to the provider (its VM froze, its container
 * was paused, its database was out of reach) for longer than half of dead-after may have been presumed dead
 * meanwhile, and the send taken over, looked up at the provider, not found and made by another node: the late call is
 * not made, whether the hold-up came before the lane's deadline check or after it, while the request was being built
 * (or, for an email, while the relay's connection opened).
 * A send still this node's goes out once, later. And a node that takes over a call that may still be on its way looks
 * it up only once it cannot be, however far its clock is from the marking node's.
 */
@TestPropertySource(properties = {
    "touchpoint.governor.throttle-refresh=0s",
    "touchpoint.pipeline.heartbeat=2s",
    // calls held up for more than 3 s are not made
    "touchpoint.pipeline.dead-after=6s"})
class HeldUpCallTest extends JourneyTest {

  private static final long CALL_DEADLINE_MILLIS = 3_000;

  /** Where the node is held up on its way to the provider. */
  enum HoldUp {
    /** In the provider's pause read, the lane's last database read before it checks the call's deadline. */
    BEFORE_THE_CHECK,
    /** After that check, while the Twilio SDK builds the request: the HTTP client checks again before writing it. */
    IN_THE_REQUEST
  }

  @MockitoSpyBean
  ProviderBudget budget;

  @MockitoSpyBean
  TwilioRestClient twilio;

  @MockitoSpyBean
  JavaMailSenderImpl mail;

  @Autowired
  SendRecovery recovery;

  @Autowired
  NodeRegistry nodes;

  private final CountDownLatch heldUp = new CountDownLatch(1);
  private final CountDownLatch goOn = new CountDownLatch(1);
  private final AtomicBoolean once = new AtomicBoolean(true);
  private HoldUp holdUp;
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
    doAnswer(read -> {
      holdIf(HoldUp.BEFORE_THE_CHECK);
      return read.callRealMethod();
    }).when(budget).pausedUntil(anyString());
    doAnswer(request -> {
      holdIf(HoldUp.IN_THE_REQUEST);
      return request.callRealMethod();
    }).when(twilio).request(any(Request.class));
    doAnswer(send -> {
      holdIf(HoldUp.IN_THE_REQUEST);
      return send.callRealMethod();
    }).when(mail).send(any(MimeMessage.class));
  }

  private void holdIf(HoldUp here) throws InterruptedException {
    if (holdUp == here && Thread.currentThread().getName().startsWith("touchpoint-send-") && once.getAndSet(false)) {
      heldUp.countDown();
      goOn.await();
    }
  }

  @ParameterizedTest
  @EnumSource(HoldUp.class)
  void aCallHeldUpWhileAnotherNodeTookItsSendOverIsNotMade(HoldUp where) throws Exception {
    theSendIsMarkedAndItsCallHeldUp(where);
    String otherNode = "other-host/" + UUID.randomUUID();
    theJourneysSendsPassTo(otherNode, journey);

    theHoldUpEndsPastTheDeadline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).isEmpty();
    assertThat(deliveryOf(journey, "Send").outcome()).as("the other node's to settle").isEqualTo(Outcome.SENDING);
    assertThat(touchpointJdbc.sql("select owner_node from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(String.class).single()).isEqualTo(otherNode);
  }

  @Test
  void anEmailHeldUpWhileAnotherNodeTookItsSendOverIsNotMailed() throws Exception {
    deploy("bpmn/email-guide.bpmn");
    String contact = "kim-" + UUID.randomUUID();
    String address = "kim." + UUID.randomUUID().toString().substring(0, 8) + "@held-up.test";
    sendEvent("""
        {"name":"test.email","contact":{"id":"%s","email":"%s","firstName":"Kim"}}""".formatted(contact, address));
    journey = instanceOf("email-guide", contact);
    theSendIsMarkedAndItsCallHeldUp(HoldUp.IN_THE_REQUEST, "SendGuide");
    String otherNode = "other-host/" + UUID.randomUUID();
    theJourneysSendsPassTo(otherNode, journey);

    theHoldUpEndsPastTheDeadline();

    assertThat(MAIL.getReceivedMessagesForDomain("held-up.test")).isEmpty();
    assertThat(deliveryOf(journey, "SendGuide").outcome()).as("the other node's to settle").isEqualTo(Outcome.SENDING);
  }

  @ParameterizedTest
  @EnumSource(HoldUp.class)
  void aCallHeldUpPastItsDeadlineOnASendStillItsOwnGoesOutOnceLater(HoldUp where) throws Exception {
    theSendIsMarkedAndItsCallHeldUp(where);

    theHoldUpEndsPastTheDeadline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aCallTakenOverWhileItsNodeWasStillMakingItIsLookedUpOnlyOnceItCannotBeOnItsWay() throws Exception {
    twilioListsItsMessages();
    theSendIsMarkedAndItsCallHeldUp(HoldUp.BEFORE_THE_CHECK);
    // a database outage stopped every heartbeat: the node is taken for dead while its call is about to go out
    theJourneysSendsPassTo(aNodeThatDied(), journey);

    theTakerWaitsWhileTheCallGoesOut();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aTakerWhoseClockRunsAheadOfTheMarkingNodesStillWaitsForTheCallToGoOut() throws Exception {
    twilioListsItsMessages();
    theSendIsMarkedAndItsCallHeldUp(HoldUp.BEFORE_THE_CHECK);
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

  private void theSendIsMarkedAndItsCallHeldUp(HoldUp where) throws InterruptedException {
    theSendIsMarkedAndItsCallHeldUp(where, "Send");
  }

  private void theSendIsMarkedAndItsCallHeldUp(HoldUp where, String channelTask) throws InterruptedException {
    holdUp = where;
    managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.getId())
        .activityId(channelTask).singleResult().getId());
    assertThat(heldUp.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(deliveryOf(journey, channelTask).outcome()).isEqualTo(Outcome.SENDING);
  }

  private void theHoldUpEndsPastTheDeadline() throws InterruptedException {
    Thread.sleep(CALL_DEADLINE_MILLIS + 500);
    goOn.countDown();
    awaitSendPipeline();
  }
}
