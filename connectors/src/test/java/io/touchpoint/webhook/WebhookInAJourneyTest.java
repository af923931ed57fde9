package io.touchpoint.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook task as the plugin installs it: secrets from configuration, the template's retries, incidents. */
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

    assertThatThrownBy(() -> managementService.executeJob(job(sync).getId())).isInstanceOf(RuntimeException.class);

    assertThat(job(sync).getRetries()).isEqualTo(1);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(sync.getId()).count()).isZero();
  }

  @Test
  void forbiddenTargetBecomesAnIncidentAtOnce() {
    ProcessInstance sync = start("http://10.0.0.1");

    assertThatThrownBy(() -> managementService.executeJob(job(sync).getId())).hasMessageContaining("WEBHOOK_FORBIDDEN_TARGET");

    assertThat(job(sync).getRetries()).isZero();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(sync.getId()).count()).isEqualTo(1);
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
