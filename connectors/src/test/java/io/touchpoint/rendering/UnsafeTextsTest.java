package io.touchpoint.rendering;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A text that reaches for Java ({@code ?new}, {@code ?api}) is never run: its task becomes an incident at once,
 * naming the task and the feature, and nothing is sent. Inline texts (rendered by the engine) and email template
 * files alike.
 */
class UnsafeTextsTest extends JourneyTest {

  @TempDir
  Path folder;

  @Test
  void anSmsTextThatRunsACommandIsAnIncidentAndRunsNothing() {
    Path proof = folder.resolve("ran");
    ProcessInstance journey = startSmsJourney(
        "<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"touch " + proof + "\")} Hi ${firstName}");

    Incident incident = failsAtOnce(journey);

    assertThat(incident.getActivityId()).isEqualTo("SendWelcomeSms");
    assertThat(incident.getIncidentMessage()).contains("SendWelcomeSms").contains("TOUCHPOINT-RENDER-001")
        .contains("uses ?new").contains("freemarker.template.utility.Execute");
    assertThat(proof).doesNotExist();
    TWILIO.verify(0, anyRequestedFor(anyUrl()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${firstName?api.getClass().getName()}",
      "<#attempt><#assign ex=\"freemarker.template.utility.ObjectConstructor\"?new()>${ex(\"java.io.File\", \"x\")}"
          + "<#recover>Hi</#attempt>",
      "<#attempt>${firstName?api.length()}<#recover>Hi</#attempt>"})
  void apiAndNewFailTheTaskEvenInsideAnAttempt(String text) {
    ProcessInstance journey = startSmsJourney(text);

    Incident incident = failsAtOnce(journey);

    assertThat(incident.getIncidentMessage()).contains("SendWelcomeSms").containsPattern("uses \\?(api|new)");
    TWILIO.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void anEmailTemplateFileThatRunsACommandIsAnIncidentAndSendsNothing() {
    deploy("bpmn/email-guide.bpmn");
    Path proof = folder.resolve("ran-from-file");
    String contact = "unsafe-mail-" + UUID.randomUUID();
    String email = contact + "@unsafe.test";
    assertThat(sendEvent("""
        {"name":"test.email","contact":{"id":"%s","email":"%s","firstName":"Ana"},
         "data":{"template":"unsafe.ftlh","proofFile":"%s"}}""".formatted(contact, email, proof)).statusCode())
        .isEqualTo(202);

    Incident incident = failsAtOnce(instanceOf("email-guide", contact));

    assertThat(incident.getIncidentMessage()).contains("of 'SendGuide'").contains("template file 'unsafe.ftlh'")
        .contains("uses ?new");
    assertThat(proof).doesNotExist();
    assertThat(MAIL.getReceivedMessagesForDomain("unsafe.test")).isEmpty();
  }

  @Test
  void safeTextsStillSeeTheExecutionAndItsVariables() {
    ProcessInstance journey = startSmsJourney(
        "Hi ${firstName}, your journey ${execution.processInstanceId} <#if phone?has_content>has a phone</#if>");

    runDueJobs(journey);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("Body", equalTo("Hi Ana, your journey " + journey.getId() + " has a phone")));
  }

  private Incident failsAtOnce(ProcessInstance journey) {
    Job job = managementService.createJobQuery().processInstanceId(journey.getId()).singleResult();
    assertThatThrownBy(() -> managementService.executeJob(job.getId())).isInstanceOf(RuntimeException.class);
    assertThat(managementService.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isZero();
    return runtimeService.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
  }

  private ProcessInstance startSmsJourney(String text) {
    String key = "unsafe-" + UUID.randomUUID().toString().substring(0, 8);
    String bpmn = sample()
        .replace("id=\"signup-welcome\"", "id=\"" + key + "\"")
        .replace("value=\"user.signup\"", "value=\"test." + key + "\"")
        .replace("Hi ${firstName!'there'}, welcome to Touchpoint! Reply STOP to opt out.", "<![CDATA[" + text + "]]>");
    repositoryService.createDeployment().addString(key + ".bpmn", bpmn).deploy();
    String contact = "c-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.%s","id":"evt-%s","contact":{"id":"%s","phone":"+15557654321","firstName":"Ana"}}"""
        .formatted(key, contact, contact)).statusCode()).isEqualTo(202);
    return instanceOf(key, contact);
  }

  private static String sample() {
    try (InputStream in = UnsafeTextsTest.class.getResourceAsStream("/samples/signup-welcome.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
