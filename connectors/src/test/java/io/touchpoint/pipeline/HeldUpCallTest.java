package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import com.twilio.http.Request;
import com.twilio.http.TwilioRestClient;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.governor.ProviderBudget;
import io.touchpoint.provider.PushSender;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
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
 * (or, for an email, a push or a webhook, while the connection opened).
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
    /**
     * After that check, while the provider's client builds the request (the Twilio SDK, Spring's mail sender, the
     * Firebase SDK, the webhook client): the client checks again before writing it.
     */
    IN_THE_REQUEST
  }

  @MockitoSpyBean
  ProviderBudget budget;

  @MockitoSpyBean
  TwilioRestClient twilio;

  @MockitoSpyBean
  JavaMailSenderImpl mail;

  @MockitoSpyBean
  GuardedHttpClient http;

  @MockitoSpyBean
  PushSender push;

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
  void kimSignsUpAndTheNextCallWillBeHeldUp() throws IOException {
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
    doAnswer(call -> {
      holdIf(HoldUp.IN_THE_REQUEST);
      return call.callRealMethod();
    }).when(http).call(any(), any(), any(), any(), any());
    doAnswer(send -> {
      holdIf(HoldUp.IN_THE_REQUEST);
      return send.callRealMethod();
    }).when(push).send(any(), any());
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

    itsCallIsHeldUpInTheRequestWhileAnotherNodeTakesItsSendOver("SendGuide");

    assertThat(MAIL.getReceivedMessagesForDomain("held-up.test")).isEmpty();
  }

  @Test
  void aWebhookCallHeldUpWhileAnotherNodeTookItsSendOverIsNotMade() throws Exception {
    deploy("bpmn/webhook-crm.bpmn");
    String contact = "kim-" + UUID.randomUUID();
    TWILIO.stubFor(post(urlPathEqualTo("/contacts/" + contact + "/onboarded")).willReturn(aResponse().withStatus(201)));
    sendEvent("""
        {"name":"test.webhook","contact":{"id":"%s"},"data":{"crmUrl":"%s"}}""".formatted(contact, TWILIO.baseUrl()));
    journey = instanceOf("webhook-crm", contact);

    itsCallIsHeldUpInTheRequestWhileAnotherNodeTakesItsSendOver("MarkOnboarded");

    TWILIO.verify(0, postRequestedFor(urlPathEqualTo("/contacts/" + contact + "/onboarded")));
  }

  @Test
  void aPushHeldUpWhileAnotherNodeTookItsSendOverIsNotMade() throws Exception {
    deploy("bpmn/push-reminder.bpmn");
    String fcmSend = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(fcmSend)).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:held-up\"}")));
    String contact = "kim-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.push","contact":{"id":"%s","pushToken":"device-%s","firstName":"Kim"}}""".formatted(contact,
        contact));
    journey = instanceOf("push-reminder", contact);

    itsCallIsHeldUpInTheRequestWhileAnotherNodeTakesItsSendOver("Remind");

    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(fcmSend)));
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

  /** The journey's send at that task is marked, its call held up in the request, and another node takes it over. */
  private void itsCallIsHeldUpInTheRequestWhileAnotherNodeTakesItsSendOver(String channelTask) throws Exception {
    theSendIsMarkedAndItsCallHeldUp(HoldUp.IN_THE_REQUEST, channelTask);
    theJourneysSendsPassTo("other-host/" + UUID.randomUUID(), journey);

    theHoldUpEndsPastTheDeadline();

    assertThat(deliveryOf(journey, channelTask).outcome()).as("the other node's to settle").isEqualTo(Outcome.SENDING);
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
