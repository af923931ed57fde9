package io.touchpoint.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.audit.OperatorActions;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.lang.reflect.Proxy;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Migrating running contacts of a journey to its next version, through the API and the engine's batches: contacts
 * waiting at a timer, at a status catch after their send, and at a send whose provider answer is still coming.
 */
class JourneyMigrationTest extends JourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RENAMED = """
      {"from":1,"to":2,"mapping":{"Pause":"Breather","Hello":"Greeting"},"reason":"v2 thanks delivered contacts"}""";

  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void contactsAtATimerAStatusWaitAndAnUnansweredSendContinueOnTheNewVersionAndNothingIsSentTwice() throws Exception {
    deployVersion("reminder-v1.bpmn");
    ProcessInstance atStatus = start("u-mig-status", "+15557000001");
    ProcessInstance awaitingAnswer = start("u-mig-answer", "+15557000002");
    ProcessInstance atTimer = start("u-mig-timer", "+15557000003");
    // the provider holds its answer to this contact's send: it is still coming while the migration runs
    TWILIO.stubFor(sendMessage().withRequestBody(containing("15557000002")).atPriority(1)
        .willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
    Runnable answerArrives = TWILIO_MESSAGES.holdAnswersTo("+15557000002");
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(1).toMillis()));
    runDueJobs(atStatus);
    runJobsWithoutWaitingForTheProvider(awaitingAnswer);
    Job timer = managementService.createJobQuery().processInstanceId(atTimer.getId()).singleResult();
    assertThat(activityOf(atTimer)).isEqualTo("Pause");
    assertThat(activityOf(atStatus)).isEqualTo("Gate");
    assertThat(activityOf(awaitingAnswer)).isEqualTo("Hello");
    Delivery sentBefore = deliveryOf(atStatus, "Hello");
    deployVersion("reminder-v2.bpmn");

    JsonNode preview = json(postJson("/api/journeys/reminder/migrations/preview", RENAMED), 200);
    assertThat(preview.path("contacts").asInt()).isEqualTo(3);
    assertThat(preview.path("unmappable").asInt()).isZero();
    assertThat(preview.path("steps").toString())
        .contains("{\"step\":\"Pause\",\"name\":\"Pause an hour\",\"contacts\":1,\"to\":\"Breather\",\"problem\":null}")
        .contains("{\"step\":\"Hello\",\"name\":\"Hello SMS\",\"contacts\":1,\"to\":\"Greeting\",\"problem\":null}")
        .contains("{\"step\":\"Gate\",\"name\":\"Gate\",\"contacts\":1,\"to\":\"Gate\",\"problem\":null}");

    String id = json(postJson("/api/journeys/reminder/migrations", RENAMED), 202).path("id").asText();
    assertThat(json(callApi("GET", "/api/journeys/reminder/migrations/" + id), 200).path("state").asText())
        .isEqualTo("running");
    runBatch(id);
    assertThat(ledger.findById(deliveryOf(awaitingAnswer, "Hello").id()).orElseThrow().outcome())
        .as("the migration ran while the provider's answer was still coming").isEqualTo(Delivery.Outcome.SENDING);

    JsonNode progress = json(callApi("GET", "/api/journeys/reminder/migrations/" + id), 200);
    assertThat(progress.path("state").asText()).isEqualTo("completed");
    assertThat(progress.path("contacts").asInt()).isEqualTo(3);
    assertThat(progress.path("migrated").asInt()).isEqualTo(3);
    assertThat(progress.path("failed").asInt()).isZero();
    assertThat(progress.path("requestedBy").asText()).startsWith("api key ");
    String v2 = repositoryService.createProcessDefinitionQuery().processDefinitionKey("reminder")
        .processDefinitionVersion(2).singleResult().getId();
    assertThat(List.of(atTimer, atStatus, awaitingAnswer)).allSatisfy(instance -> assertThat(
        runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
            .getProcessDefinitionId()).isEqualTo(v2));
    assertThat(activityOf(atTimer)).isEqualTo("Breather");
    assertThat(activityOf(awaitingAnswer)).isEqualTo("Greeting");

    // the held answer arrives: the contact continues on version 2, waiting for the delivery of that same send
    answerArrives.run();
    awaitSendPipeline();
    assertThat(activityOf(awaitingAnswer)).isEqualTo("Gate");
    Delivery answered = deliveryOf(awaitingAnswer, "Hello");
    assertThat(answered.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    assertThat(runtimeService.getVariable(awaitingAnswer.getId(), StatusMessages.deliveryVariable("Greeting")))
        .isEqualTo(answered.id());

    // statuses of sends made on version 1 still arrive at the waits they were made for
    twilioReportsStatus(sentBefore.providerMessageId(), "delivered");
    twilioReportsStatus(answered.providerMessageId(), "delivered");
    runDueJobs(atStatus);
    runDueJobs(awaitingAnswer);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(atStatus.getId()).count()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(awaitingAnswer.getId()).count()).isZero();

    // the timer keeps its due date, on version 2
    Job migratedTimer = managementService.createJobQuery().processInstanceId(atTimer.getId()).singleResult();
    assertThat(migratedTimer.getId()).isEqualTo(timer.getId());
    assertThat(migratedTimer.getDuedate()).isEqualTo(timer.getDuedate());
    runDueJobs(atTimer);
    assertThat(activityOf(atTimer)).isEqualTo("Gate");

    assertThat(bodiesTo("+15557000001")).containsExactly("Hello Ana", "Thanks Ana");
    assertThat(bodiesTo("+15557000002")).containsExactly("Hello Ana", "Thanks Ana");
    assertThat(bodiesTo("+15557000003")).containsExactly("Hello Ana");
  }

  @Test
  void aWaitForTheStatusOfASendTheNewVersionNoLongerHasIsListedAndLeftOnlyWhenAllowed() throws Exception {
    deployVersion("reminder-v1.bpmn");
    ProcessInstance atStatus = start("u-drop-status", "+15557000011");
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(1).toMillis()));
    runDueJobs(atStatus);
    ProcessInstance atTimer = start("u-drop-timer", "+15557000012");
    deployVersion("reminder-v3.bpmn");

    JsonNode preview = json(postJson("/api/journeys/reminder/migrations/preview", "{\"from\":1,\"to\":2}"), 200);
    assertThat(preview.path("unmappable").asInt()).as(preview.toString()).isEqualTo(1);
    assertThat(preview.path("steps").toString())
        .contains("\"step\":\"Gate\",\"name\":\"Gate\",\"contacts\":1,\"to\":null,"
            + "\"problem\":\"waits for a status of send 'Hello', which version 2 no longer has\"")
        .contains("{\"step\":\"Pause\",\"name\":\"Pause an hour\",\"contacts\":1,\"to\":\"Pause\",\"problem\":null}");

    HttpResponse<String> refused = postJson("/api/journeys/reminder/migrations", "{\"from\":1,\"to\":2}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("allowDrop");

    String id = json(postJson("/api/journeys/reminder/migrations", "{\"from\":1,\"to\":2,\"allowDrop\":true}"), 202)
        .path("id").asText();
    runBatch(id);
    JsonNode progress = json(callApi("GET", "/api/journeys/reminder/migrations/" + id), 200);
    assertThat(progress.path("contacts").asInt()).isEqualTo(1);
    assertThat(progress.path("migrated").asInt()).isEqualTo(1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(atTimer.getId()).singleResult()
        .getProcessDefinitionId()).isNotEqualTo(atStatus.getProcessDefinitionId());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(atStatus.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(atStatus.getProcessDefinitionId());
  }

  @Test
  void aContactWithAnIncidentAtItsSendIsListedAsFailedAndStaysWhereItWasForAnOperatorsRetry() throws Exception {
    deployVersion("reminder-v1.bpmn");
    ProcessInstance retrying = start("u-mig-retry", "+15557000031");
    TWILIO.stubFor(sendMessage().withRequestBody(containing("15557000031")).atPriority(1)
        .willReturn(aResponse().withStatus(500)));
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(1).toMillis()));
    runDueJobs(retrying);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(retrying.getId()).count()).isEqualTo(1);
    String v1 = retrying.getProcessDefinitionId();
    deployVersion("reminder-v2.bpmn");

    String id = json(postJson("/api/journeys/reminder/migrations", RENAMED), 202).path("id").asText();
    runBatch(id);

    // the engine does not migrate the send's failed job and its incident: the contact is named with the reason
    JsonNode progress = json(callApi("GET", "/api/journeys/reminder/migrations/" + id), 200);
    assertThat(progress.path("state").asText()).isEqualTo("failed");
    assertThat(progress.path("migrated").asInt()).isZero();
    assertThat(progress.path("failed").asInt()).isEqualTo(1);
    assertThat(progress.path("failures").get(0).path("contact").asText()).isEqualTo("u-mig-retry");
    assertThat(progress.path("failures").get(0).path("reason").asText()).contains("not migrated jobs");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(retrying.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(v1);

    // and its journey goes on where it was once an operator retries the send: sent once
    TWILIO.resetAll();
    twilioAcceptsMessages();
    runBatch(json(postJson("/api/journeys/reminder/actions",
        "{\"action\":\"retry\",\"step\":\"Hello\",\"reason\":\"provider back\"}"), 202)
        .path("batches").get(0).asText());
    runDueJobs(retrying);
    assertThat(activityOf(retrying)).isEqualTo("Gate");
    assertThat(bodiesTo("+15557000031")).containsExactly("Hello Ana");
  }

  @Test
  void aContactWhoseSendTheGovernorHoldsIsListedAsFailedAndMigratesOnceTheHoldEnded() throws Exception {
    deployVersion("reminder-v1.bpmn");
    String pause = json(postJson("/api/governor/pauses",
        "{\"scope\":\"journey:reminder\",\"reason\":\"checking the copy\"}"), 201).path("id").asText();
    ProcessInstance held = start("u-mig-held", "+15557000041");
    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(1).toMillis()));
    runDueJobs(held);
    assertThat(deliveryOf(held, "Hello").outcome()).isEqualTo(Delivery.Outcome.HELD);
    assertThat(managementService.createJobQuery().processDefinitionKey("reminder").activityId("Hello")
        .processInstanceId(held.getId()).count()).as("the hold's job, found by journey and step").isEqualTo(1);
    deployVersion("reminder-v2.bpmn");

    // the hold's job at the send is one the engine does not migrate: the contact is named, and stays on version 1
    String first = json(postJson("/api/journeys/reminder/migrations", RENAMED), 202).path("id").asText();
    runBatch(first);
    JsonNode refused = json(callApi("GET", "/api/journeys/reminder/migrations/" + first), 200);
    assertThat(refused.path("failed").asInt()).isEqualTo(1);
    assertThat(refused.path("failures").get(0).path("contact").asText()).isEqualTo("u-mig-held");
    assertThat(refused.path("failures").get(0).path("reason").asText()).contains("not migrated jobs");

    // the pause is lifted: the send goes out once on version 1, and the contact, now waiting for its status, migrates
    assertThat(callApi("DELETE", "/api/governor/pauses/" + pause).statusCode()).isEqualTo(204);
    timePasses(Duration.ofMinutes(1), held);
    assertThat(activityOf(held)).isEqualTo("Gate");
    String second = json(postJson("/api/journeys/reminder/migrations", RENAMED), 202).path("id").asText();
    runBatch(second);
    assertThat(json(callApi("GET", "/api/journeys/reminder/migrations/" + second), 200).path("migrated").asInt())
        .isEqualTo(1);
    twilioReportsStatus(deliveryOf(held, "Hello").providerMessageId(), "delivered");
    runDueJobs(held);
    assertThat(bodiesTo("+15557000041")).containsExactly("Hello Ana", "Thanks Ana");
  }

  @Test
  void aMigrationThatFinishesWhileItsProgressIsReadIsNeverCompletedWithContactsMissing(
      @Autowired JourneyVersions versions, @Autowired OperatorActions actions,
      @Autowired PlatformTransactionManager transactionManager) throws Exception {
    deployVersion("reminder-v1.bpmn");
    start("u-mig-race", "+15557000051");
    deployVersion("reminder-v2.bpmn");
    String id = json(postJson("/api/journeys/reminder/migrations", RENAMED), 202).path("id").asText();

    // the engine finishes the batch just as the progress asks for it
    ManagementService finishingAsAsked = (ManagementService) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ManagementService.class}, (proxy, method, arguments) -> {
          if (method.getName().equals("createBatchQuery")) {
            runBatch(id);
          }
          return method.invoke(managementService, arguments);
        });
    MigrationProgress progress = new JourneyMigrations(versions, runtimeService, finishingAsAsked, historyService,
        actions, transactionManager, touchpointClock).progress("reminder", id);

    assertThat(progress.state()).isEqualTo("completed");
    assertThat(progress.migrated()).isEqualTo(1);
  }

  @Test
  void versionsListWhereContactsWait() throws Exception {
    deployVersion("reminder-v1.bpmn");
    start("u-versions", "+15557000021");
    deployVersion("reminder-v2.bpmn");

    JsonNode versions = json(callApi("GET", "/api/journeys/reminder/versions"), 200).path("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).path("version").asInt()).isEqualTo(1);
    assertThat(versions.get(0).path("running").asInt()).isEqualTo(1);
    assertThat(versions.get(0).path("steps").toString())
        .isEqualTo("[{\"id\":\"Pause\",\"name\":\"Pause an hour\",\"waiting\":1,\"incidents\":0}]");
    assertThat(versions.get(1).path("running").asInt()).isZero();
    assertThat(versions.get(1).path("deployedAt").asText()).isNotBlank();
  }

  @Test
  void badRequestsNameTheirFieldAndUnknownJourneysOrVersionsAreNotFound() throws Exception {
    deployVersion("reminder-v1.bpmn");
    deployVersion("reminder-v2.bpmn");

    assertThat(callApi("GET", "/api/journeys/no-such-journey/versions").statusCode()).isEqualTo(404);
    assertThat(postJson("/api/journeys/no-such-journey/migrations/preview", "{\"from\":1,\"to\":2}").statusCode())
        .isEqualTo(404);
    assertThat(postJson("/api/journeys/reminder/migrations/preview", "{\"from\":1,\"to\":7}").statusCode())
        .isEqualTo(404);
    assertThat(callApi("GET", "/api/journeys/reminder/migrations/no-such-id").statusCode()).isEqualTo(404);
    assertThat(field(postJson("/api/journeys/reminder/migrations/preview", "{\"to\":2}"))).isEqualTo("from");
    assertThat(field(postJson("/api/journeys/reminder/migrations/preview",
        "{\"from\":1,\"to\":2,\"mapping\":{\"Hello\":\"Nowhere\"}}"))).isEqualTo("mapping.Hello");
    assertThat(field(postJson("/api/journeys/reminder/migrations/preview", "{\"from\":1,\"to\":1}"))).isEqualTo("to");
    assertThat(field(postJson("/api/journeys/reminder/migrations", "{\"from\":1,\"to\":2}"))).isEqualTo("from");
  }

  private void deployVersion(String file) {
    deployments.add(repositoryService.createDeployment().addClasspathResource("bpmn/migration/" + file).deploy()
        .getId());
  }

  private ProcessInstance start(String contact, String phone) {
    HttpResponse<String> started = sendEvent("""
        {"name":"test.reminder","id":"evt-%s","contact":{"id":"%s","phone":"%s","firstName":"Ana"}}"""
        .formatted(contact, contact, phone));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    ProcessInstance instance = instanceOf("reminder", contact);
    runDueJobs(instance);
    return instance;
  }

  /** Runs the instance's due jobs once, leaving their sends to the pipeline. */
  private void runJobsWithoutWaitingForTheProvider(ProcessInstance instance) {
    for (int round = 0; round < 5; round++) {
      List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
      due.forEach(job -> managementService.executeJob(job.getId()));
    }
  }

  private String activityOf(ProcessInstance instance) {
    return runtimeService.getActiveActivityIds(instance.getId()).get(0);
  }

  /** The texts Twilio was asked to send to a number, in order. */
  private static List<String> bodiesTo(String phone) {
    return TWILIO.findAll(postRequestedFor(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))).stream()
        .map(request -> form(request.getBodyAsString()))
        .filter(form -> phone.equals(form.get("To"))).map(form -> form.get("Body")).toList();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] parts = pair.split("=", 2);
      form.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    return form;
  }
}
