package io.touchpoint.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.testapp.JourneyTest;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook task as the plugin installs it: secrets from configuration (only where the author wrote them), the
 * template's retries, incidents.
 */
class WebhookInAJourneyTest extends JourneyTest {

  String contact;

  @BeforeEach
  void deployCrmSync() {
    deploy("bpmn/webhook-crm.bpmn");
    contact = "crm-" + UUID.randomUUID();
  }

  @Test
  void marksTheContactOnboardedWithTheConfiguredSecretAndKeepsTheCrmId() {
    TWILIO.stubFor(post(urlPathEqualTo("/contacts/" + contact + "/onboarded")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"crm-7\"}")));

    ProcessInstance sync = start(TWILIO.baseUrl());
    runDueJobs(sync);

    TWILIO.verify(postRequestedFor(urlPathEqualTo("/contacts/" + contact + "/onboarded"))
        .withHeader("Authorization", equalTo("Bearer crm-s3cret-token"))
        .withRequestBody(equalToJson("{\"contact\":\"" + contact + "\",\"stage\":\"onboarded\"}")));
    assertThat(sync).isEnded();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(sync.getId())
        .variableName("crmId").singleResult().getValue()).isEqualTo("crm-7");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(sync.getId()).list())
        .noneMatch(variable -> String.valueOf(variable.getValue()).contains("crm-s3cret-token"));
  }

  @Test
  void serverErrorIsRetriedPerTheTemplatesRetries() {
    TWILIO.stubFor(post(urlPathEqualTo("/contacts/" + contact + "/onboarded")).willReturn(aResponse().withStatus(503)));
    ProcessInstance sync = start(TWILIO.baseUrl());

    runDueJobs(sync);

    assertThat(job(sync).getRetries()).isEqualTo(1);
    assertThat(job(sync).getExceptionMessage()).contains("WEBHOOK_5XX");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(sync.getId()).count()).isZero();
  }

  @Test
  void forbiddenTargetBecomesAnIncidentAtOnce() {
    ProcessInstance sync = start("http://10.0.0.1");

    runDueJobs(sync);

    assertThat(job(sync).getExceptionMessage()).contains("WEBHOOK_FORBIDDEN_TARGET");
    assertThat(job(sync).getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(sync.getId()).count()).isEqualTo(1);
  }

  @Test
  void aSecretReferenceInContactDataIsSentAsTextNeverResolved() {
    deployVariant("webhook-echo", bpmn -> bpmn.replace("{\"contact\":\"${contactId}\",\"stage\":\"onboarded\"}",
        "{\"contact\":\"${contactId}\",\"name\":\"${firstName}\"}"));
    TWILIO.stubFor(post(urlPathEqualTo("/contacts/" + contact + "/onboarded")).willReturn(aResponse().withStatus(201)));

    ProcessInstance sync = start("webhook-echo", TWILIO.baseUrl(), "{{secret:CRM_TOKEN}} {{secret:TOUCHPOINT_DB_PASSWORD}}");
    runDueJobs(sync);

    TWILIO.verify(postRequestedFor(urlPathEqualTo("/contacts/" + contact + "/onboarded"))
        .withHeader("Authorization", equalTo("Bearer crm-s3cret-token"))
        .withRequestBody(equalToJson("{\"contact\":\"" + contact + "\","
            + "\"name\":\"{{secret:CRM_TOKEN}} {{secret:TOUCHPOINT_DB_PASSWORD}}\"}")));
    assertThat(sync).isEnded();
  }

  @Test
  void aSecretOutsideTouchpointSecretsIsAnIncidentNamingTheTaskAndTheSecret() {
    deployVariant("webhook-other-secret", bpmn -> bpmn.replace("{{secret:CRM_TOKEN}}",
        "{{secret:touchpoint.tracking.secret}}"));

    ProcessInstance sync = start("webhook-other-secret", TWILIO.baseUrl(), "Ana");

    runDueJobs(sync);

    assertThat(job(sync).getExceptionMessage())
        .contains("webhook 'MarkOnboarded' uses secret 'touchpoint.tracking.secret'")
        .doesNotContain("journey-test-secret");
    assertThat(job(sync).getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(sync.getId()).singleResult().getIncidentMessage())
        .contains("MarkOnboarded").contains("touchpoint.secrets.touchpoint.tracking.secret");
    TWILIO.verify(0, anyRequestedFor(anyUrl()));
  }

  private void deployVariant(String key, UnaryOperator<String> change) {
    deployVariant("bpmn/webhook-crm.bpmn", "webhook-crm", "test.webhook", key, change);
  }

  private ProcessInstance start(String journey, String crmUrl, String firstName) {
    assertThat(sendEvent("""
        {"name":"test.%s","contact":{"id":"%s","firstName":"%s"},"data":{"crmUrl":"%s"}}"""
        .formatted(journey, contact, firstName, crmUrl)).statusCode()).isEqualTo(202);
    return instanceOf(journey, contact);
  }

  private ProcessInstance start(String crmUrl) {
    assertThat(sendEvent("""
        {"name":"test.webhook","contact":{"id":"%s"},"data":{"crmUrl":"%s"}}""".formatted(contact, crmUrl))
        .statusCode()).isEqualTo(202);
    return instanceOf("webhook-crm", contact);
  }

  private Job job(ProcessInstance sync) {
    return managementService.createJobQuery().processInstanceId(sync.getId()).singleResult();
  }
}
