package io.touchpoint.repair;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.testapp.JourneyTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stuck contacts of a journey, and their repair in bulk through the engine's batches, audited. */
class JourneyRepairTest extends JourneyTest {

  private static final String FAILING_PHONE = "+15557200009";

  private String deployment;

  @BeforeEach
  void deploy() {
    deployment = repositoryService.createDeployment().addClasspathResource("bpmn/repairable.bpmn").deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment, true);
  }

  @Test
  void stuckContactsAreListedPerStepWithIncidentsByCode() throws Exception {
    ProcessInstance failing = start("u-stuck-failing", FAILING_PHONE);
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(FAILING_PHONE)).atPriority(1)
        .willReturn(aResponse().withStatus(500)));
    start("u-stuck-1", "+15557200001");
    start("u-stuck-2", "+15557200002");
    hoursPass(2);
    runDueJobs(failing);
    start("u-stuck-recent", "+15557200003");

    JsonNode report = json(callApi("GET", "/api/journeys/repairable/stuck?olderThan=PT1H"), 200);
    assertThat(report.path("olderThan").asText()).isEqualTo("PT1H");
    JsonNode pause = step(report, "Pause");
    assertThat(pause.path("name").asText()).isEqualTo("Pause an hour");
    assertThat(pause.path("contacts").asInt()).as("the contact who started an hour ago is not stuck yet")
        .isEqualTo(2);
    assertThat(pause.path("sample").toString()).isEqualTo("[\"u-stuck-1\",\"u-stuck-2\"]");
    JsonNode incidents = step(report, "Hello").path("incidents");
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).path("code").asText()).isEqualTo("TOUCHPOINT-SEND-006");
    assertThat(incidents.get(0).path("count").asInt()).isEqualTo(1);

    assertThat(step(json(callApi("GET", "/api/journeys/repairable/stuck?olderThan=PT3H"), 200), "Pause")).isNull();
  }

  @Test
  void bulkRetrySendsTheFailedStepAgainAndBulkSkipMovesContactsPastTheirStep() throws Exception {
    ProcessInstance failing = start("u-retry", FAILING_PHONE);
    TWILIO.stubFor(sendMessage().withFormParam("To", equalTo(FAILING_PHONE)).atPriority(1)
        .willReturn(aResponse().withStatus(500)));
    ProcessInstance skipped = start("u-skip", "+15557200011");
    ProcessInstance left = start("u-left", "+15557200012");
    hoursPass(2);
    runDueJobs(failing);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(failing.getId()).count()).isEqualTo(1);
    TWILIO.resetAll();
    twilioAcceptsMessages();

    JsonNode retry = json(postJson("/api/journeys/repairable/actions",
        "{\"action\":\"retry\",\"step\":\"Hello\",\"reason\":\"Twilio is back\"}"), 202);
    assertThat(retry.path("contacts").asInt()).isEqualTo(1);
    runBatch(retry.path("batches").get(0).asText());
    runDueJobs(failing);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(failing.getId()).count()).isZero();
    assertThat(runtimeService.getActiveActivityIds(failing.getId())).containsExactly("Gate");
    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(FAILING_PHONE)));

    JsonNode skip = json(postJson("/api/journeys/repairable/actions", """
        {"action":"skip","step":"Pause","contacts":["u-skip","u-nowhere"],"reason":"no need to wait"}"""), 202);
    assertThat(skip.path("contacts").asInt()).isEqualTo(1);
    assertThat(skip.path("notAtStep").toString()).isEqualTo("[\"u-nowhere\"]");
    runBatch(skip.path("batches").get(0).asText());
    assertThat(activity(skipped)).isEqualTo("Hello");
    assertThat(activity(left)).isEqualTo("Pause");

    JsonNode actions = json(callApi("GET", "/api/journeys/repairable/actions"), 200).path("actions");
    assertThat(actions).hasSize(2);
    assertThat(actions.get(0).path("action").asText()).isEqualTo("skip");
    assertThat(actions.get(0).path("reason").asText()).isEqualTo("no need to wait");
    assertThat(actions.get(0).path("requestedBy").asText()).startsWith("api key ");
    assertThat(actions.get(0).path("requestedAt").asText()).isNotBlank();
    assertThat(actions.get(1).path("action").asText()).isEqualTo("retry");
  }

  @Test
  void moveTakesContactsToAnotherStepAndCancelEndsTheirJourneys() throws Exception {
    ProcessInstance moved = start("u-move", "+15557200021");
    ProcessInstance cancelled = start("u-cancel", "+15557200022");

    String move = json(postJson("/api/journeys/repairable/actions", """
        {"action":"move","step":"Pause","contacts":["u-move"],"to":"Hello","reason":"send now"}"""), 202)
        .path("batches").get(0).asText();
    runBatch(move);
    assertThat(activity(moved)).isEqualTo("Hello");

    String cancel = json(postJson("/api/journeys/repairable/actions", """
        {"action":"cancel","step":"Pause","contacts":["u-cancel"],"reason":"asked to stop"}"""), 202)
        .path("batches").get(0).asText();
    runBatch(cancel);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(cancelled.getId()).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(cancelled.getId()).singleResult()
        .getDeleteReason()).contains("asked to stop");
  }

  @Test
  void badRepairsNameTheirFieldAndUnknownJourneysAreNotFound() throws Exception {
    start("u-bad", "+15557200031");
    assertThat(callApi("GET", "/api/journeys/no-such-journey/stuck").statusCode()).isEqualTo(404);
    assertThat(callApi("GET", "/api/journeys/no-such-journey/actions").statusCode()).isEqualTo(404);
    assertThat(postJson("/api/journeys/no-such-journey/actions",
        "{\"action\":\"skip\",\"step\":\"Pause\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    assertThat(field(callApi("GET", "/api/journeys/repairable/stuck?olderThan=an-hour"))).isEqualTo("olderThan");
    assertThat(field(postJson("/api/journeys/repairable/actions",
        "{\"action\":\"explode\",\"step\":\"Pause\",\"reason\":\"x\"}"))).isEqualTo("action");
    assertThat(field(postJson("/api/journeys/repairable/actions",
        "{\"action\":\"skip\",\"step\":\"Nowhere\",\"reason\":\"x\"}"))).isEqualTo("step");
    assertThat(field(postJson("/api/journeys/repairable/actions",
        "{\"action\":\"move\",\"step\":\"Pause\",\"reason\":\"x\"}"))).isEqualTo("to");
    assertThat(field(postJson("/api/journeys/repairable/actions", "{\"action\":\"skip\",\"step\":\"Pause\"}")))
        .isEqualTo("reason");
    assertThat(field(postJson("/api/journeys/repairable/actions",
        "{\"action\":\"retry\",\"step\":\"Hello\",\"reason\":\"x\"}"))).isEqualTo("step");
  }

  private ProcessInstance start(String contact, String phone) {
    HttpResponse<String> started = sendEvent("""
        {"name":"test.repairable","id":"evt-%s","contact":{"id":"%s","phone":"%s","firstName":"Ana"}}"""
        .formatted(contact, contact, phone));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    ProcessInstance instance = instanceOf("repairable", contact);
    runDueJobs(instance);
    return instance;
  }

  private static void hoursPass(int hours) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(hours).toMillis()));
  }

  private String activity(ProcessInstance instance) {
    List<String> active = runtimeService.getActiveActivityIds(instance.getId());
    if (!active.isEmpty()) {
      return active.get(0);
    }
    // a contact before an asynchronous step waits in its job
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    return job == null ? null : managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
        .singleResult().getActivityId();
  }

  private static JsonNode step(JsonNode report, String step) {
    for (JsonNode candidate : report.path("steps")) {
      if (candidate.path("step").asText().equals(step)) {
        return candidate;
      }
    }
    return null;
  }
}
