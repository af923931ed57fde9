package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.template.ElementTemplates.TemplateFile;
import io.touchpoint.testapp.JourneyTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped element template, every version of it (older versions stay shipped for the diagrams that use them),
 * applied to a bare element of each type it applies to exactly as Camunda Modeler
 * applies it (its defaults, and what an analyst types into required fields without one), wired into the smallest
 * journey that uses it, deploys on the real engine with Touchpoint's parse listener and starts. Every choice of
 * every dropdown is tried. A template that binds something the engine or the parse listener refuses fails here,
 * not in front of an analyst.
 */
class TemplatesAppliedInTheModelerDeployTest extends JourneyTest {

  private static final String TEMPLATED = "Templated";
  private static final String SEND = "Send";

  /** What an analyst types into a required field that has no default, by binding name. */
  private static final Map<String, String> TYPED_BY_THE_ANALYST = Map.of(
      "touchpoint.event", "user.signup",
      "touchpoint.awaitEvent", "order.placed",
      "text", "Hi ${firstName}, welcome!",
      "subject", "Your guide, ${firstName}",
      "title", "Complete your profile, ${firstName}",
      "url", "https://crm.example.com/contacts",
      "touchpoint.experiment", "welcome-text",
      "touchpoint.variantWeights", "A=50,control=50");

  /** A template applied to one element type, with one dropdown set to one of its choices (or all at defaults). */
  record Application(TemplateFile template, String appliesTo, String dropdown, String choice) {

    String valueOf(JsonNode property) {
      String name = property.path("binding").path("name").asText();
      if (name.equals(dropdown)) {
        return choice;
      }
      if (property.has("value")) {
        return property.path("value").asText();
      }
      if (!property.path("constraints").path("notEmpty").asBoolean(false)) {
        return null;
      }
      String typed = TYPED_BY_THE_ANALYST.get(name);
      if (typed == null) {
        throw new IllegalStateException(template + " has a required field '" + name + "' without default: add what an "
            + "analyst would type to TYPED_BY_THE_ANALYST");
      }
      return typed;
    }

    @Override
    public String toString() {
      return template + " on " + appliesTo + (dropdown == null ? "" : " with " + dropdown + "=" + choice);
    }
  }

  static List<Application> applications() {
    List<Application> applications = new ArrayList<>();
    for (TemplateFile template : ElementTemplates.all()) {
      for (JsonNode type : template.json().path("appliesTo")) {
        applications.add(new Application(template, type.asText(), null, null));
        for (JsonNode property : template.json().path("properties")) {
          if (property.path("type").asText().equals("Dropdown")) {
            for (String choice : ElementTemplates.choiceValues(property)) {
              if (!choice.equals(property.path("value").asText(null))) {
                applications.add(new Application(template, type.asText(), property.path("binding").path("name").asText(),
                    choice));
              }
            }
          }
        }
      }
    }
    return applications;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("applications")
  void templateAppliedAsTheModelerDoesDeploysAndStarts(Application application) {
    String contact = "templated-" + UUID.randomUUID();

    ProcessInstance journey = deployAndStart(application, ElementTemplates.json(ElementTemplates.all()), contact);

    switch (application.appliesTo()) {
      case "bpmn:ServiceTask" -> assertThat(managementService.createJobQuery().processInstanceId(journey.getId())
          .activityId(TEMPLATED).count()).as("asynchronous task waits as a job").isEqualTo(1);
      case "bpmn:StartEvent", "bpmn:IntermediateCatchEvent", "bpmn:BoundaryEvent" -> {
        if (isStatusCatch(application)) {
          assertThat(managementService.createJobQuery().processInstanceId(journey.getId()).activityId(SEND).count())
              .as("the send before the status catch waits as a job").isEqualTo(1);
        } else if (TemplateBindingCheck.needsMessageEvent(application.template().id())) {
          assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(journey.getId())
              .activityId(TEMPLATED).singleResult().getEventName())
              .as("business event subscription scoped to the contact").endsWith(":" + contact);
        } else {
          assertThat(journey.isEnded()).as("start, end: nothing to wait for").isTrue();
        }
      }
      case "bpmn:EndEvent" -> assertThat(journey.isEnded()).isTrue();
      case "bpmn:ExclusiveGateway" -> assertThat(historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(journey.getId()).activityType("noneEndEvent").list())
          .as("the split took one variant's flow").singleElement()
          .satisfies(end -> assertThat(end.getActivityId()).isIn("DoneA", "DoneControl"));
      default -> throw new IllegalStateException("no journey shape for " + application.appliesTo());
    }
  }

  // The test must be able to fail: templates the engine refuses, changed in memory.

  @Test
  void statusDropdownOfferingAStatusTheChannelCannotReportFailsToDeploy() {
    ObjectNode smsStatus = ElementTemplates.template("touchpoint-sms-status.json").deepCopy();
    ((ObjectNode) smsStatus.path("properties").get(0)).withArray("choices")
        .addObject().put("name", "Read").put("value", "read");

    assertThatThrownBy(() -> deployAndStart(new Application(new TemplateFile("sms-status offering read", smsStatus),
            "bpmn:IntermediateCatchEvent", "touchpoint.status", "read"), shippedWith(smsStatus), "c-" + UUID.randomUUID()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("TOUCHPOINT-DEPLOY-006 Status catch '" + TEMPLATED + "' waits for 'read'");
  }

  @Test
  void channelTemplateNamingAChannelThatIsNotInstalledFailsToDeploy() {
    ObjectNode fax = ElementTemplates.template("touchpoint-sms.json").deepCopy();
    for (JsonNode property : fax.path("properties")) {
      if (property.path("binding").path("name").asText().equals("touchpoint.channel")) {
        ((ObjectNode) property).put("value", "fax");
      }
    }

    assertThatThrownBy(() -> deployAndStart(new Application(new TemplateFile("sms sending by fax", fax),
            "bpmn:ServiceTask", null, null), shippedWith(fax), "c-" + UUID.randomUUID()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("TOUCHPOINT-DEPLOY-001 Channel task '" + TEMPLATED + "' uses channel 'fax'");
  }

  /** The shipped templates, the newest version of one of them replaced by a changed copy. */
  private static List<JsonNode> shippedWith(JsonNode changed) {
    List<JsonNode> templates = new ArrayList<>(ElementTemplates.json(ElementTemplates.all()));
    templates.removeIf(template -> template.path("id").equals(changed.path("id"))
        && template.path("version").equals(changed.path("version")));
    templates.add(changed);
    return templates;
  }

  private ProcessInstance deployAndStart(Application application, List<JsonNode> templates, String contact) {
    // the key names the application, so a refused deployment's message says which template and variant failed
    String key = "applied-" + application.toString().replaceAll("[^A-Za-z0-9._-]+", "_");
    BpmnModelInstance journey = journeyWith(application, templates, key);
    assertThat(new TemplateBindingCheck(templates).problems(journey)).as("applied as the Modeler does").isEmpty();

    repositoryService.createDeployment().addModelInstance(key + ".bpmn", journey).deploy();
    return runtimeService.startProcessInstanceByKey(key, contact, Map.of(
        "phone", "+15551230100", "whatsapp", "+15551230100", "email", "ana@example.com", "pushToken", "device-token",
        "firstName", "Ana"));
  }

  /** The smallest runnable journey around the templated element ({@value #TEMPLATED}). */
  private static BpmnModelInstance journeyWith(Application application, List<JsonNode> templates, String key) {
    ProcessBuilder process = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLiveString("P1D");
    boolean message = TemplateBindingCheck.needsMessageEvent(application.template().id());
    BpmnModelInstance journey = switch (application.appliesTo()) {
      case "bpmn:ServiceTask" -> process.startEvent("Begin").serviceTask(TEMPLATED).endEvent("Done").done();
      case "bpmn:IntermediateCatchEvent" -> isStatusCatch(application)
          ? process.startEvent("Begin").serviceTask(SEND).eventBasedGateway().id("Outcome")
              .intermediateCatchEvent(TEMPLATED).endEvent("Done")
              .moveToLastGateway().intermediateCatchEvent("NoStatus").timerWithDuration("PT1H").endEvent("TimedOut")
              .done()
          : process.startEvent("Begin").intermediateCatchEvent(TEMPLATED).endEvent("Done").done();
      case "bpmn:BoundaryEvent" -> process.startEvent("Begin").userTask("Wait").endEvent("Done")
          .moveToActivity("Wait").boundaryEvent(TEMPLATED).endEvent("Interrupted").done();
      case "bpmn:StartEvent" -> {
        if (!message) {
          yield process.startEvent(TEMPLATED).endEvent("Done").done();
        }
        process.startEvent("Begin").userTask("Wait").endEvent("Done");
        process.eventSubProcess("Goal").startEvent(TEMPLATED).endEvent("GoalReached");
        yield process.done();
      }
      case "bpmn:EndEvent" -> process.startEvent("Begin").endEvent(TEMPLATED).done();
      case "bpmn:ExclusiveGateway" -> experimentSplit(process, templates);
      default -> throw new IllegalStateException("no journey shape for " + application.appliesTo()
          + ": add one to " + TemplatesAppliedInTheModelerDeployTest.class.getSimpleName());
    };

    BaseElement templated = journey.getModelElementById(TEMPLATED);
    if (message) {
      // the analyst picks a message event; the Modeler leaves its message empty, Touchpoint names it at deploy time
      ((CatchEvent) templated).getEventDefinitions().add(journey.newInstance(MessageEventDefinition.class));
    }
    ModelerTemplateApplier.apply(application.template().json(), templated, application::valueOf);
    if (isStatusCatch(application)) {
      Application send = new Application(new TemplateFile("channel of " + application.template(),
          channelTemplateOf(application.template(), templates)), "bpmn:ServiceTask", null, null);
      ModelerTemplateApplier.apply(send.template().json(), journey.getModelElementById(SEND), send::valueOf);
    }
    return journey;
  }

  /**
   * A split with the flows {@code A} and {@code control} the analyst names, in a journey whose goal is an order
   * (the Business event and Journey end templates applied as the Modeler does).
   */
  private static BpmnModelInstance experimentSplit(ProcessBuilder process, List<JsonNode> templates) {
    process.startEvent("Begin").exclusiveGateway(TEMPLATED).sequenceFlowId("FlowA").endEvent("DoneA")
        .moveToNode(TEMPLATED).sequenceFlowId("FlowControl").endEvent("DoneControl");
    process.eventSubProcess("Goal").startEvent("OrderPlaced").endEvent("GoalReached");
    BpmnModelInstance journey = process.done();
    journey.<SequenceFlow>getModelElementById("FlowA").setName("A");
    journey.<SequenceFlow>getModelElementById("FlowControl").setName("control");
    CatchEvent orderPlaced = journey.getModelElementById("OrderPlaced");
    orderPlaced.getEventDefinitions().add(journey.newInstance(MessageEventDefinition.class));
    Application businessEvent = new Application(newest("io.touchpoint.business-event", templates),
        "bpmn:StartEvent", null, null);
    ModelerTemplateApplier.apply(businessEvent.template().json(), orderPlaced, businessEvent::valueOf);
    Application goal = new Application(newest("io.touchpoint.end", templates), "bpmn:EndEvent",
        "touchpoint.outcome", "goal");
    ModelerTemplateApplier.apply(goal.template().json(), journey.getModelElementById("GoalReached"), goal::valueOf);
    return journey;
  }

  private static TemplateFile newest(String id, List<JsonNode> templates) {
    return new TemplateFile(id, templates.stream().filter(template -> template.path("id").asText().equals(id))
        .max(Comparator.comparingInt(template -> template.path("version").asInt())).orElseThrow());
  }

  private static boolean isStatusCatch(Application application) {
    return application.template().id().startsWith("io.touchpoint.status.");
  }

  /**
   * The newest channel task template a status template belongs to: {@code io.touchpoint.status.sms} → channel
   * {@code sms}.
   */
  private static JsonNode channelTemplateOf(TemplateFile statusTemplate, List<JsonNode> templates) {
    String channel = statusTemplate.id().substring("io.touchpoint.status.".length());
    return templates.stream()
        .filter(template -> ElementTemplates.propertiesBoundAs(template, "camunda:property").stream().anyMatch(p ->
            p.path("binding").path("name").asText().equals("touchpoint.channel") && p.path("value").asText().equals(channel)))
        .max(Comparator.comparingInt(template -> template.path("version").asInt()))
        .orElseThrow(() -> new IllegalStateException("no channel task template for " + statusTemplate));
  }
}
