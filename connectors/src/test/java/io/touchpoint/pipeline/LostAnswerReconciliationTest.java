package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A node dies while Twilio holds its request: the answer is never recorded. The node that takes the send over
 * asks Twilio's own list before sending again, so the contact gets the message once — whether Twilio had it
 * or not. A live node does the same for a call of its own left unanswered for stale-after.
 * A node that left at a graceful stop is taken over at once, and no one is warned.
 */
@ExtendWith(OutputCaptureExtension.class)
class LostAnswerReconciliationTest extends JourneyTest {

  /** {@code touchpoint.pipeline.stale-after}'s default. */
  private static final Duration STALE_AFTER = Duration.ofMinutes(10);

  @Autowired
  SendRecovery recovery;

  @Autowired
  NodeRegistry nodes;

  String deadNode;
  String phone;
  ProcessInstance journey;

  @BeforeEach
  void kimSignsUpAndANodeHasDied() {
    deploy("bpmn/send-with-hook.bpmn");
    TWILIO_MESSAGES.clear();
    twilioListsItsMessages();
    phone = newPhones(1).get(0);
    journey = kimSignsUpForTheHookJourney(phone);
    deadNode = aNodeThatDied();
  }

  @Test
  void aMessageTwilioTookIsRecordedFromTwilioAndNotSentAgain() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    Runnable answerArrives = TWILIO_MESSAGES.holdAnswersTo(phone);
    nodeDiesWhileTwilioHoldsTheRequest(() -> !TWILIO_MESSAGES.messagesTo(phone).isEmpty(), answerArrives);

    recovery.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
    TWILIO.verify(getRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
  }

  @Test
  void aMessageThatNeverReachedTwilioIsSentOnceByTheNodeThatTookOver() {
    // the call stays in flight long enough for the send to pass to the dead node, then the connection drops
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withFixedDelay(1_500).withFault(Fault.CONNECTION_RESET_BY_PEER)));
    nodeDiesWhileTwilioHoldsTheRequest(this::twilioReceivedTheCall, () -> { });
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));

    recovery.run();
    awaitSendPipeline();

    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
    assertThat(deliveryOf(journey, "Send").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(journey).isWaitingAt("Outcome");
  }

  @Test
  void aCallLeftUnansweredForStaleAfterIsSettledFromTwiliosRecordBeforeItsAnswerComes() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    Runnable answerArrives = TWILIO_MESSAGES.holdAnswersTo(phone);
    sendTasksRun(List.of(journey));
    eventually().until(() -> !TWILIO_MESSAGES.messagesTo(phone).isEmpty());
    theCallsWereMarkedEarlier(STALE_AFTER.plusSeconds(1), nodes.nodeId());

    recovery.run();
    eventually().until(() -> deliveryOf(journey, "Send").outcome() == Outcome.ACCEPTED);
    answerArrives.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journey, phone);
  }

  @Test
  void aStatusCallbackThatNamedTheSendSettlesItWithoutAskingTwilio() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    Runnable answerArrives = TWILIO_MESSAGES.holdAnswersTo(phone);
    nodeDiesWhileTwilioHoldsTheRequest(() -> !TWILIO_MESSAGES.messagesTo(phone).isEmpty(), answerArrives);
    TwilioMessagesFake.Message message = TWILIO_MESSAGES.messagesTo(phone).get(0);
    String callbackPath = message.statusCallback().substring("https://touchpoint.test".length());
    assertThat(twilioReportsStatusTo(callbackPath, message.sid(), "sent").statusCode()).isEqualTo(204);

    recovery.run();
    awaitSendPipeline();

    assertThat(deliveryOf(journey, "Send").providerMessageId()).isEqualTo(message.sid());
    assertThat(journey).isWaitingAt("Outcome");
    TWILIO.verify(0, getRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
  }

  @Test
  void aMessageTwilioCannotLookUpIsAskedAboutAtMostOnceAMinuteThenLeftToAnOperatorNotSentAgain() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    TWILIO.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
    Runnable answerArrives = TWILIO_MESSAGES.holdAnswersTo(phone);
    nodeDiesWhileTwilioHoldsTheRequest(() -> !TWILIO_MESSAGES.messagesTo(phone).isEmpty(), answerArrives);

    recovery.run();
    int asked = twilioListsAsked();
    assertThat(asked).isPositive();
    theCallsWereMarkedEarlier(Duration.ofMinutes(11), nodes.nodeId());
    recovery.run();
    recovery.run();
    assertThat(twilioListsAsked()).as("asked once more, not at every run").isEqualTo(2 * asked);
    theCallsWereMarkedEarlier(Duration.ofMinutes(20), nodes.nodeId());
    recovery.run();
    awaitSendPipeline();

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Send");
    assertThat(incident.getIncidentMessage()).contains("TOUCHPOINT-RECOVERY-005 twilio could not say for 31 min");
    assertThat(TWILIO_MESSAGES.messagesTo(phone)).hasSize(1);
  }

  @Test
  void aDeadNodesSendsBeyondOneBatchAreAllTakenOverInOneRun() {
    String crowdedNode = aNodeThatDied();
    OffsetDateTime queuedAt = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    for (int i = 0; i < 600; i++) {
      aQueuedSendOfAnEndedJourney(crowdedNode, queuedAt);
    }

    recovery.run();

    assertThat(touchpointJdbc.sql("select count(*) from tp_delivery where owner_node = ?").param(crowdedNode)
        .query(Integer.class).single()).isZero();
  }

  @Test
  void aNodeThatLeftAtAGracefulStopIsTakenOverAtOnceWithoutAWarning(CapturedOutput log) {
    NodeRegistry leaving = new NodeRegistry(touchpointJdbc, Clock.systemUTC(), NodeIdentity.ofThisStart(),
        NodeSessions.Unnamed.INSTANCE);
    leaving.join();
    String id = aQueuedSendOfAnEndedJourney(leaving.nodeId(), OffsetDateTime.now(ZoneOffset.UTC));
    leaving.leave();

    recovery.run();

    // taken over and resumed in the same run: its journey is gone, so it is skipped, not sent
    assertThat(touchpointJdbc.sql("select outcome from tp_delivery where id = ?").param(id)
        .query(String.class).single()).isEqualTo(Outcome.SKIPPED.name());
    assertThat(log).contains("TOUCHPOINT-RECOVERY-006 node " + leaving.nodeId()
        + " left at a graceful stop; took over 1 of its sends").doesNotContain("TOUCHPOINT-RECOVERY-001");
  }

  @Test
  void aDeadNodesCallsAreFoundInOneListOfTwilioMessagesAndWhatTwilioLacksIsSentOnce() {
    List<String> reached = newPhones(10);
    List<String> lostOnTheWay = newPhones(2);
    List<ProcessInstance> journeys = callsInFlightWhenTheNodeDied(reached, lostOnTheWay);

    recovery.run();
    awaitSendPipeline();

    List<String> phones = Stream.concat(reached.stream(), lostOnTheWay.stream()).toList();
    for (int i = 0; i < phones.size(); i++) {
      twilioHasOneMessageAndTheSendIsRecordedWithIt(journeys.get(i), phones.get(i));
    }
    assertThat(twilioListsAsked()).as("one list of the sender's messages, two looks for each message Twilio lacks")
        .isEqualTo(1 + 2 * lostOnTheWay.size());
  }

  @Test
  void aListOfMessagesTwilioRefusesLeavesEachOfTheDeadNodesCallsToALookOfItsOwn() {
    List<String> reached = newPhones(12);
    List<ProcessInstance> journeys = callsInFlightWhenTheNodeDied(reached, List.of());
    TWILIO.stubFor(get(urlPathEqualTo(MESSAGES_PATH)).withQueryParam("To", absent()).atPriority(1)
        .willReturn(aResponse().withStatus(503)));

    recovery.run();
    awaitSendPipeline();

    for (int i = 0; i < reached.size(); i++) {
      twilioHasOneMessageAndTheSendIsRecordedWithIt(journeys.get(i), reached.get(i));
    }
    assertThat(twilioListsAsked()).as("the refused list, then a look for each").isEqualTo(1 + reached.size());
  }

  @Test
  void aListThatIgnoresTheAddressNeverMakesAnotherContactsMessageOurs() {
    String reached = newPhones(1).get(0);
    String lostOnTheWay = newPhones(1).get(0);
    List<ProcessInstance> journeys = callsInFlightWhenTheNodeDied(List.of(reached), List.of(lostOnTheWay));
    TWILIO_MESSAGES.ignoreTheAddressFilter();

    recovery.run();
    awaitSendPipeline();

    twilioHasOneMessageAndTheSendIsRecordedWithIt(journeys.get(0), reached);
    twilioHasOneMessageAndTheSendIsRecordedWithIt(journeys.get(1), lostOnTheWay);
  }

  /**
   * The hook journey for each number, its send made by a node that died during the call: Twilio took the messages to
   * {@code reached}; the connections carrying the others dropped before Twilio had them.
   */
  private List<ProcessInstance> callsInFlightWhenTheNodeDied(List<String> reached, List<String> lostOnTheWay) {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    List<ProcessInstance> journeys = Stream.concat(reached.stream(), lostOnTheWay.stream())
        .map(this::kimSignsUpForTheHookJourney).toList();
    List<Runnable> answersArrive = reached.stream().map(TWILIO_MESSAGES::holdAnswersTo).toList();
    // these calls stay in flight long enough for their sends to pass to the dead node, then the connection drops
    List<StubMapping> connectionsDrop = lostOnTheWay.stream().map(phone -> TWILIO.stubFor(sendMessage().atPriority(1)
        .withRequestBody(containing(phone.substring(1)))
        .willReturn(aResponse().withFixedDelay(1_500).withFault(Fault.CONNECTION_RESET_BY_PEER)))).toList();

    sendTasksRun(journeys);
    eventually().until(() -> reached.stream().noneMatch(phone -> TWILIO_MESSAGES.messagesTo(phone).isEmpty())
        && lostOnTheWay.stream().allMatch(this::twilioReceivedACallTo));
    journeys.forEach(journey -> theJourneysSendsPassTo(deadNode, journey));
    answersArrive.forEach(Runnable::run);
    awaitSendPipeline();
    connectionsDrop.forEach(TWILIO::removeStub);
    theOthersNoticeTheDeathAfterItsMissedHeartbeats(deadNode);
    return journeys;
  }

  private static List<String> newPhones(int count) {
    return IntStream.range(0, count).mapToObj(i -> "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999)))
        .toList();
  }

  private boolean twilioReceivedACallTo(String phone) {
    return TWILIO.getAllServeEvents().stream().anyMatch(event -> event.getRequest().getMethod().getName()
        .equals("POST") && event.getRequest().getBodyAsString().contains(phone.substring(1)));
  }

  private int twilioListsAsked() {
    return TWILIO.findAll(getRequestedFor(urlPathEqualTo(MESSAGES_PATH))).size();
  }

  /** A send the node queued for a journey that has ended since: resumed, it is found gone and skipped. */
  private String aQueuedSendOfAnEndedJourney(String node, OffsetDateTime queuedAt) {
    String id = UUID.randomUUID().toString();
    touchpointJdbc.sql("""
            insert into tp_delivery (id, idempotency_key, journey_key, process_instance_id, execution_id, activity_id,
              channel, provider, outcome, owner_node, created_at, updated_at)
            values (?, ?, 'gone', 'gone-instance', 'gone-execution', 'Send', 'SMS', 'twilio', 'QUEUED', ?, ?, ?)""")
        .params(id, "gone:" + id, node, queuedAt, queuedAt).update();
    return id;
  }

  private void nodeDiesWhileTwilioHoldsTheRequest(BooleanSupplier twilioHasTheCall, Runnable answerComes) {
    nodeDiesWhileTheProviderHoldsTheCall(journey, "Send", deadNode, twilioHasTheCall, answerComes);
  }

  private boolean twilioReceivedTheCall() {
    return twilioReceivedACallTo(phone);
  }
}
