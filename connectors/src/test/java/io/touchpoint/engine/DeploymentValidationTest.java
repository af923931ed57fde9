package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.touchpoint.testapp.DeployTimeEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowingConsumer;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A journey that cannot work is refused at deploy time, with the element named and a sentence a
 * person understands — never at run time in front of a customer. Deploying is all it takes: an engine with
 * Touchpoint's plugin, no application.
 */
@ExtendWith(DeployTimeEngine.class)
class DeploymentValidationTest {

  /** Set by the extension. */
  ProcessEngine engine;
  RepositoryService repositoryService;

  @BeforeEach
  void services() {
    repositoryService = engine.getRepositoryService();
  }

  @Test
  void statusTheChannelCannotReportIsRefused() {
    assertRefused(sample().replace("<camunda:property name=\"touchpoint.status\" value=\"delivered\" />",
            "<camunda:property name=\"touchpoint.status\" value=\"read\" />"),
        "WelcomeDelivered", "waits for 'read', but its send 'SendWelcomeSms' is SMS, which reports only");
  }

  @Test
  void unknownStatusIsRefused() {
    assertRefused(sample().replace("value=\"failed\"", "value=\"exploded\""),
        "WelcomeFailed", "'exploded', which is not a delivery status");
  }

  @Test
  void channelTaskWithoutRecipientIsRefused() {
    assertRefused(sample().replaceFirst("<camunda:inputParameter name=\"to\">\\$\\{phone}</camunda:inputParameter>", ""),
        "SendWelcomeSms", "has no 'to'");
  }

  @Test
  void unknownChannelIsRefused() {
    assertRefused(sample().replaceFirst("name=\"touchpoint.channel\" value=\"sms\"", "name=\"touchpoint.channel\" value=\"pigeon\""),
        "SendWelcomeSms", "uses channel 'pigeon', which is not installed (installed: email, push, rcs, sms, webhook, whatsapp)");
  }

  @Test
  void malformedRetryCycleIsRefused() {
    assertRefused(sample().replaceFirst("value=\"R3/PT5M\"", "value=\"three times\""),
        "SendWelcomeSms", "has retries 'three times'");
  }

  @Test
  void statusCatchWithoutASendBeforeItIsRefused() {
    String noSend = sample()
        .replace("<bpmn:outgoing>Flow_SignedUp_SendWelcomeSms</bpmn:outgoing>", "<bpmn:outgoing>Direct</bpmn:outgoing>")
        .replace("<bpmn:incoming>Flow_SendWelcomeSms_WelcomeOutcome</bpmn:incoming>", "<bpmn:incoming>Direct</bpmn:incoming>")
        .replace("<bpmn:sequenceFlow id=\"Flow_SendWelcomeSms_WelcomeOutcome\" sourceRef=\"SendWelcomeSms\"",
            "<bpmn:sequenceFlow id=\"Direct\" sourceRef=\"SignedUp\"");
    assertRefused(noSend, "WelcomeDelivered", "has no channel task before it");
  }

  @Test
  void journeyStartInsideASubprocessOrOnAMessageStartIsRefused() {
    String messageStart = sample().replace("<bpmn:outgoing>Flow_SignedUp_SendWelcomeSms</bpmn:outgoing>",
        "<bpmn:outgoing>Flow_SignedUp_SendWelcomeSms</bpmn:outgoing><bpmn:messageEventDefinition id=\"M\" messageRef=\"Msg\"/>")
        .replace("</bpmn:process>", "</bpmn:process><bpmn:message id=\"Msg\" name=\"m\"/>");
    assertRefused(messageStart, "SignedUp", "must be a plain start event");
  }

  @Test
  void businessEventNameTheEventApiRefusesIsRefused() {
    String longName = "user." + "x".repeat(100);
    assertRefused(sample().replace("name=\"touchpoint.event\" value=\"user.signup\"",
            "name=\"touchpoint.event\" value=\"" + longName + "\""),
        "SignedUp", "listens to '" + longName + "'; a business event name is at most 100");
    assertRefused(bpmn("/bpmn/cart-goal.bpmn").replace("value=\"order.placed\"", "value=\"order placed!\""),
        "OrderPlaced", "listens to 'order placed!'");
  }

  @Test
  void unknownJourneyOutcomeIsRefused() {
    assertRefused(sample().replace("name=\"touchpoint.outcome\" value=\"completed\"", "name=\"touchpoint.outcome\" value=\"won\""),
        "TipSent", "has outcome 'won'; expected one of [completed, goal, drop-off]");
  }

  @Test
  void everyProblemOfADiagramIsListedInOneRefusalEachNamingItsElement() {
    String fourProblems = sample()
        .replaceAll("<camunda:inputParameter name=\"to\">\\$\\{phone}</camunda:inputParameter>", "")
        .replace("value=\"failed\"", "value=\"exploded\"")
        .replace("name=\"touchpoint.outcome\" value=\"completed\"", "name=\"touchpoint.outcome\" value=\"won\"");

    assertThat(problemsOf(fourProblems)).satisfiesExactlyInAnyOrder(
        problem("SendWelcomeSms", "has no 'to'"),
        problem("SendTipSms", "has no 'to'"),
        problem("WelcomeFailed", "'exploded', which is not a delivery status"),
        problem("TipSent", "has outcome 'won'"));
  }

  @Test
  void statusCatchesAfterASendRefusedForItsChannelAreNotRefusedForWantOfASend() {
    assertThat(problemsOf(sample().replaceFirst("name=\"touchpoint.channel\" value=\"sms\"",
        "name=\"touchpoint.channel\" value=\"pigeon\""))).satisfiesExactly(
            problem("SendWelcomeSms", "uses channel 'pigeon', which is not installed"));
  }

  @Test
  void storedDiagramIsTheOneDeployedSoAnUnchangedRedeploymentIsFiltered() {
    String name = "filtered-" + UUID.randomUUID() + ".bpmn";
    var first = repositoryService.createDeployment().name(name).enableDuplicateFiltering(false)
        .addString(name, sample()).deploy();
    var again = repositoryService.createDeployment().name(name).enableDuplicateFiltering(false)
        .addString(name, sample()).deploy();

    assertThat(again.getId()).isEqualTo(first.getId());
    assertThat(new String(readStored(first.getId(), name), StandardCharsets.UTF_8)).isEqualTo(sample());
  }

  private void assertRefused(String bpmn, String elementId, String sentence) {
    long before = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("journey.bpmn", bpmn).deploy())
        .isInstanceOf(ParseException.class)
        .hasMessageContaining(elementId)
        .hasMessageContaining(sentence)
        .satisfies(e -> assertThat(((ParseException) e).getResorceReports().get(0).getErrors())
            .anySatisfy(problem -> assertThat(problem.getMainElementId()).isEqualTo(elementId)));
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
  }

  /** The problems a refused deployment lists, each as its element's id, a colon and the sentence. */
  private List<String> problemsOf(String bpmn) {
    long before = repositoryService.createDeploymentQuery().count();
    ParseException refused = catchThrowableOfType(ParseException.class,
        () -> repositoryService.createDeployment().addString("journey.bpmn", bpmn).deploy());
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(before);
    return refused.getResorceReports().get(0).getErrors().stream()
        .map(problem -> problem.getMainElementId() + ": " + problem.getMessage()).toList();
  }

  private static ThrowingConsumer<String> problem(String elementId, String sentence) {
    return listed -> assertThat(listed).startsWith(elementId + ": ").contains(sentence);
  }

  private byte[] readStored(String deploymentId, String resource) {
    try (InputStream in = repositoryService.getResourceAsStream(deploymentId, resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sample() {
    return bpmn("/samples/signup-welcome.bpmn");
  }

  private static String bpmn(String resource) {
    try (InputStream in = DeploymentValidationTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
