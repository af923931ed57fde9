package io.touchpoint.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.touchpoint.channel.webhook.WebhookConnector;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node dies while a provider that keeps no list to ask (a webhook's target, FCM) holds its call: the node that
 * takes the send over follows the template's "delivery guarantee" — at least once calls again, a webhook with the
 * same Idempotency-Key; at most once calls no more, and says so.
 */
class LostAnswerPoliciesTest extends JourneyTest {

  static final String FCM_SEND_PATH = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";
  static final int PROVIDER_HOLDS_MS = 1_500;

  @Autowired
  SendRecovery recovery;

  String deadNode;
  String contact;

  @BeforeEach
  void aNodeHasDied() {
    deploy("bpmn/webhook-crm.bpmn", "bpmn/push-reminder.bpmn");
    deadNode = aNodeThatDied();
    contact = "lost-" + UUID.randomUUID();
  }

  @Test
  void aWebhookIsCalledAgainWithTheSameIdempotencyKeyByDefault() {
    ProcessInstance sync = crmSyncStarts("webhook-crm", "test.webhook");
    nodeDiesWhileTheProviderHoldsTheCall(sync, "MarkOnboarded", deadNode, () -> crmCalls().size() == 1, () -> { });

    recovery.run();
    awaitSendPipeline();

    List<LoggedRequest> calls = crmCalls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).getHeader(WebhookConnector.IDEMPOTENCY_KEY))
        .isNotBlank().isEqualTo(calls.get(0).getHeader(WebhookConnector.IDEMPOTENCY_KEY));
    assertThat(sync).isEnded();
  }

  @Test
  void anAtMostOnceWebhookIsNotCalledAgainButBecomesAnIncidentAnOperatorMayRetry() {
    deployVariant("bpmn/webhook-crm.bpmn", "webhook-crm", "test.webhook", "webhook-once", bpmn -> withInput(bpmn,
        "<camunda:inputParameter name=\"deliveryGuarantee\">at-most-once</camunda:inputParameter>"));
    ProcessInstance sync = crmSyncStarts("webhook-once", "test.webhook-once");
    nodeDiesWhileTheProviderHoldsTheCall(sync, "MarkOnboarded", deadNode, () -> crmCalls().size() == 1, () -> { });

    recovery.run();
    awaitSendPipeline();

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(sync.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("MarkOnboarded");
    assertThat(incident.getIncidentMessage()).contains("TOUCHPOINT-RECOVERY-003");
    assertThat(crmCalls()).hasSize(1);

    managementService.setJobRetries(incident.getConfiguration(), 1);
    runDueJobs(sync);

    assertThat(crmCalls()).hasSize(2);
    assertThat(sync).isEnded();
  }

  @Test
  void aPushIsNotSentAgainByDefaultAndTheJourneyLearnsItFailed() {
    ProcessInstance reminder = reminderStarts("push-reminder", "test.push");
    nodeDiesWhileTheProviderHoldsTheCall(reminder, "Remind", deadNode, () -> fcmCalls() == 1, () -> { });

    recovery.run();
    awaitSendPipeline();

    Delivery delivery = deliveryOf(reminder, "Remind");
    assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(delivery.outcomeCode()).isEqualTo("OUTCOME_UNKNOWN");
    assertThat(fcmCalls()).isEqualTo(1);
    eventually().untilAsserted(() -> assertThat(reminder).hasPassed("Failed").isEnded());
  }

  @Test
  void anAtLeastOncePushIsSentAgain() {
    deployVariant("bpmn/push-reminder.bpmn", "push-reminder", "test.push", "push-twice", bpmn -> withInput(bpmn,
        "<camunda:inputParameter name=\"deliveryGuarantee\">at-least-once</camunda:inputParameter>"));
    ProcessInstance reminder = reminderStarts("push-twice", "test.push-twice");
    nodeDiesWhileTheProviderHoldsTheCall(reminder, "Remind", deadNode, () -> fcmCalls() == 1, () -> { });

    recovery.run();
    awaitSendPipeline();

    assertThat(fcmCalls()).isEqualTo(2);
    assertThat(deliveryOf(reminder, "Remind").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(reminder).isWaitingAt("Outcome");
  }

  private ProcessInstance crmSyncStarts(String journey, String event) {
    TWILIO.stubFor(post(urlPathEqualTo(crmPath())).willReturn(aResponse().withStatus(201)
        .withFixedDelay(PROVIDER_HOLDS_MS).withHeader("Content-Type", "application/json")
        .withBody("{\"id\":\"crm-7\"}")));
    assertThat(sendEvent("""
        {"name":"%s","contact":{"id":"%s"},"data":{"crmUrl":"%s"}}""".formatted(event, contact, TWILIO.baseUrl()))
        .statusCode()).isEqualTo(202);
    return instanceOf(journey, contact);
  }

  private ProcessInstance reminderStarts(String journey, String event) {
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(FCM_SEND_PATH)).willReturn(aResponse().withFixedDelay(PROVIDER_HOLDS_MS)
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
    assertThat(sendEvent("""
        {"name":"%s","contact":{"id":"%s","pushToken":"device-%s","firstName":"Ana"}}"""
        .formatted(event, contact, contact)).statusCode()).isEqualTo(202);
    return instanceOf(journey, contact);
  }

  private String crmPath() {
    return "/contacts/" + contact + "/onboarded";
  }

  private List<LoggedRequest> crmCalls() {
    return TWILIO.findAll(postRequestedFor(urlPathEqualTo(crmPath())));
  }

  private int fcmCalls() {
    return TWILIO.findAll(postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))).size();
  }

  private static String withInput(String bpmn, String input) {
    return bpmn.replace("</camunda:inputOutput>", input + "</camunda:inputOutput>");
  }
}
