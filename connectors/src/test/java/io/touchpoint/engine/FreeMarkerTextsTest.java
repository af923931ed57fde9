package io.touchpoint.engine;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message text is a FreeMarker template exactly as the analyst wrote it, even when it starts with
 * {@code ${…}} (which Camunda would otherwise read as a JUEL expression computing the template).
 */
class FreeMarkerTextsTest extends JourneyTest {

  static final String JOURNEY = "freemarker-first";

  @BeforeEach
  void deployJourneyWhoseTextStartsWithAFreeMarkerDefault() {
    String bpmn = sample()
        .replace("id=\"signup-welcome\"", "id=\"" + JOURNEY + "\"")
        .replace("value=\"user.signup\"", "value=\"test.freemarker-first\"")
        .replace("Hi ${firstName!'there'}, welcome to Touchpoint!", "${firstName!'Friend'}, welcome to Touchpoint!");
    repositoryService.createDeployment().addString(JOURNEY + ".bpmn", bpmn).deploy();
  }

  @Test
  void freeMarkerSyntaxAtTheStartOfATextDeploysAndRenders() {
    ProcessInstance journey = start(null);

    runDueJobs(journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phoneOf(journey)))
        .withFormParam("Body", equalTo("Friend, welcome to Touchpoint! Reply STOP to opt out.")));
  }

  @Test
  void contactDataIsNeverRenderedAsATemplate() {
    ProcessInstance journey = start("${7*7}");

    runDueJobs(journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phoneOf(journey)))
        .withFormParam("Body", equalTo("${7*7}, welcome to Touchpoint! Reply STOP to opt out.")));
  }

  @Test
  void storedDiagramKeepsTheAnalystsText() throws IOException {
    var definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(JOURNEY)
        .latestVersion().singleResult();
    try (InputStream stored = repositoryService.getResourceAsStream(definition.getDeploymentId(), JOURNEY + ".bpmn")) {
      assertThat(new String(stored.readAllBytes(), StandardCharsets.UTF_8))
          .contains(">${firstName!'Friend'}, welcome to Touchpoint!");
    }
  }

  private ProcessInstance start(String firstName) {
    String contact = "fm-" + UUID.randomUUID();
    String phone = "+1555" + (1_000_000 + Math.abs(contact.hashCode() % 8_999_999));
    String name = firstName == null ? "" : ",\"firstName\":\"" + firstName.replace("\\", "\\\\") + "\"";
    assertThat(sendEvent("""
        {"name":"test.freemarker-first","id":"evt-%s","contact":{"id":"%s","phone":"%s"%s}}"""
        .formatted(contact, contact, phone, name)).statusCode()).isEqualTo(202);
    return instanceOf(JOURNEY, contact);
  }

  private String phoneOf(ProcessInstance journey) {
    return (String) runtimeService.getVariable(journey.getId(), "phone");
  }

  private static String sample() {
    try (InputStream in = FreeMarkerTextsTest.class.getResourceAsStream("/samples/signup-welcome.bpmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
