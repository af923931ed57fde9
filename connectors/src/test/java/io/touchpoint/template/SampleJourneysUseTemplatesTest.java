package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample journeys are valid BPMN and use the shipped templates exactly as the Modeler applies them. */
class SampleJourneysUseTemplatesTest {

  static List<JsonNode> templates;

  @BeforeAll
  static void loadTemplates() {
    templates = ElementTemplates.json(ElementTemplates.all());
  }

  /** The repository's {@code process-samples/}, copied to the test classpath under {@code samples/}. */
  static Path samplesDir() {
    try {
      return Path.of(SampleJourneysUseTemplatesTest.class.getResource("/samples/signup-welcome.bpmn").toURI()).getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(samplesDir())) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
    }
  }

  static BpmnModelInstance read(Path sample) throws IOException {
    try (InputStream in = Files.newInputStream(sample)) {
      // parses against the BPMN 2.0 XSD (with Camunda extensions): fails on XML that is not well-formed or not valid
      BpmnModelInstance model = Bpmn.readModelFromStream(in);
      Bpmn.validateModel(model);
      return model;
    }
  }

  @Test
  void thereAreSamples() throws IOException {
    assertThat(samples()).extracting(p -> p.getFileName().toString()).contains("signup-welcome.bpmn");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleUsesTemplatesExactly(Path sample) throws IOException {
    BpmnModelInstance model = read(sample);
    assertThat(new TemplateBindingCheck(templates).problems(model)).as(sample.getFileName().toString()).isEmpty();
  }

  /** Older versions stay shipped for diagrams drawn before; the samples show what the Modeler offers now. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleUsesTheNewestTemplateVersions(Path sample) throws IOException {
    Map<String, JsonNode> newest = ElementTemplates.newestById();
    for (BaseElement element : read(sample).getModelElementsByType(BaseElement.class)) {
      String id = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplate");
      if (id != null && newest.containsKey(id)) {
        assertThat(element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "modelerTemplateVersion"))
            .as(sample.getFileName() + " " + element.getId() + " (" + id + ")")
            .isEqualTo(newest.get(id).path("version").asText());
      }
    }
  }

  @Test
  void signupWelcomeHasTheAgreedShape() throws IOException {
    BpmnModelInstance model = read(samplesDir().resolve("signup-welcome.bpmn"));
    assertThat(model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.getId()).isEqualTo("signup-welcome");
          assertThat(p.getName()).isEqualTo("Signup welcome");
          assertThat(p.getCamundaHistoryTimeToLiveString()).isEqualTo("P30D");
        });
    assertThat(templateOf(model, "SignedUp")).isEqualTo("io.touchpoint.start");
    assertThat(templateOf(model, "SendWelcomeSms")).isEqualTo("io.touchpoint.sms");
    assertThat(templateOf(model, "WelcomeDelivered")).isEqualTo("io.touchpoint.status.sms");
    assertThat(templateOf(model, "WelcomeFailed")).isEqualTo("io.touchpoint.status.sms");
    assertThat(templateOf(model, "SendTipSms")).isEqualTo("io.touchpoint.sms");
    assertThat(targets(model, "WelcomeOutcome")).containsExactly("WelcomeDelivered", "WelcomeFailed", "NoStatusWithinOneHour");
    assertThat(targets(model, "WelcomeDelivered")).containsExactly("WaitOneDay");
    assertThat(targets(model, "WaitOneDay")).containsExactly("SendTipSms");
    assertThat(targets(model, "SendTipSms")).containsExactly("TipSent");
    assertThat(targets(model, "WelcomeFailed")).containsExactly("WelcomeNotDelivered");
    assertThat(targets(model, "NoStatusWithinOneHour")).containsExactly("NoStatus");
  }

  // The check must be able to fail: break a copy of the sample in memory.

  @Test
  void statusTheChannelCannotReportIsCaught() throws IOException {
    assertThat(problemsAfter(m -> property(m, "WelcomeDelivered", "touchpoint.status").setCamundaValue("read")))
        .containsExactly("WelcomeDelivered: camunda:property 'touchpoint.status' is 'read', not one of "
            + "[sent, delivered, failed, replied, suppressed]");
  }

  @Test
  void changedHiddenValueIsCaught() throws IOException {
    assertThat(problemsAfter(m -> m.<ServiceTask>getModelElementById("SendTipSms").setCamundaDelegateExpression("${other}")))
        .containsExactly("SendTipSms: attribute camunda:delegateExpression is '${other}' but the template fixes it to '${touchpointChannelTask}'");
  }

  @Test
  void missingInputParameterIsCaught() throws IOException {
    assertThat(problemsAfter(m -> {
      CamundaInputOutput io = m.<ServiceTask>getModelElementById("SendWelcomeSms").getExtensionElements()
          .getElementsQuery().filterByType(CamundaInputOutput.class).singleResult();
      io.getCamundaInputParameters().stream().filter(p -> p.getCamundaName().equals("text")).toList()
          .forEach(io::removeChildElement);
    })).containsExactly("SendWelcomeSms: input parameter 'text' is missing");
  }

  @Test
  void invalidRetryCycleIsCaught() throws IOException {
    assertThat(problemsAfter(m -> property(m, "SendWelcomeSms", "touchpoint.retryCycle").setCamundaValue("3 times")))
        .containsExactly("SendWelcomeSms: camunda:property 'touchpoint.retryCycle' is '3 times', which does not match "
            + "^(R\\d+/P(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?)$");
  }

  @Test
  void unknownTemplateAndMissingMessageDefinitionAreCaught() throws IOException {
    assertThat(problemsAfter(m -> {
      m.<ServiceTask>getModelElementById("SendTipSms").setAttributeValueNs(
          org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS, "modelerTemplate", "io.touchpoint.fax");
      IntermediateCatchEvent failed = m.getModelElementById("WelcomeFailed");
      failed.getChildElementsByType(MessageEventDefinition.class).forEach(failed::removeChildElement);
    })).containsExactlyInAnyOrder(
        "SendTipSms: names template 'io.touchpoint.fax', which is not shipped",
        "WelcomeFailed: template io.touchpoint.status.sms needs a message catch event (exactly one messageEventDefinition)");
  }

  private static List<String> problemsAfter(Consumer<BpmnModelInstance> change) throws IOException {
    BpmnModelInstance model = read(samplesDir().resolve("signup-welcome.bpmn"));
    change.accept(model);
    return new TemplateBindingCheck(templates).problems(model);
  }

  private static CamundaProperty property(BpmnModelInstance model, String elementId, String name) {
    return model.<org.camunda.bpm.model.bpmn.instance.BaseElement>getModelElementById(elementId).getExtensionElements()
        .getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class)
        .singleResult().getCamundaProperties().stream()
        .filter(p -> name.equals(p.getCamundaName())).findFirst().orElseThrow();
  }

  private static String templateOf(BpmnModelInstance model, String elementId) {
    return model.<org.camunda.bpm.model.bpmn.instance.BaseElement>getModelElementById(elementId)
        .getAttributeValueNs(org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS, "modelerTemplate");
  }

  private static List<String> targets(BpmnModelInstance model, String nodeId) {
    return model.<org.camunda.bpm.model.bpmn.instance.FlowNode>getModelElementById(nodeId).getOutgoing().stream()
        .map(f -> f.getTarget().getId()).toList();
  }
}
