package io.touchpoint.template;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.xml.type.ModelElementType;

/**
 * Checks a journey BPMN the way the Modeler would have left it after applying Touchpoint templates: each element
 * with {@code camunda:modelerTemplate} names a shipped template (id and version, an older version too) that applies
 * to it, carries every
 * binding the template defines (hidden values exactly, dropdowns with an offered choice, constraints honoured) and
 * no {@code camunda:property} or input parameter the template does not define. Also: executable processes with a
 * history time to live, diagram interchange for every flow node and sequence flow, and status / business-event
 * catches that are message events without messageRef (the engine plugin adds it at deploy time).
 */
final class TemplateBindingCheck {

  /** The shipped templates: id → version → template. */
  private final Map<String, Map<Integer, JsonNode>> templates = new LinkedHashMap<>();

  /** @param templates every shipped version of every template */
  TemplateBindingCheck(Collection<JsonNode> templates) {
    for (JsonNode template : templates) {
      this.templates.computeIfAbsent(template.path("id").asText(), id -> new TreeMap<>())
          .put(template.path("version").asInt(), template);
    }
  }

  /** Templates whose elements must be message catch events (Camunda 7 templates cannot create the definition). */
  static boolean needsMessageEvent(String templateId) {
    return templateId.startsWith("io.touchpoint.status.") || templateId.equals("io.touchpoint.business-event");
  }

  List<String> problems(BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();

    for (Process process : model.getModelElementsByType(Process.class)) {
      if (!process.isExecutable()) {
        problems.add("process " + process.getId() + " is not executable");
      }
      if (process.getCamundaHistoryTimeToLiveString() == null) {
        problems.add("process " + process.getId() + " has no camunda:historyTimeToLive");
      }
    }

    Set<String> withShape = new HashSet<>();
    model.getModelElementsByType(BpmnShape.class).forEach(s -> withShape.add(s.getBpmnElement().getId()));
    Set<String> withEdge = new HashSet<>();
    model.getModelElementsByType(BpmnEdge.class).forEach(e -> withEdge.add(e.getBpmnElement().getId()));
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!withShape.contains(node.getId())) {
        problems.add(node.getId() + " has no BPMNShape");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!withEdge.contains(flow.getId())) {
        problems.add(flow.getId() + " has no BPMNEdge");
      }
    }

    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String templateId = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplate");
      if (templateId != null) {
        checkElement(element, templateId, problems);
      }
    }
    return problems;
  }

  private void checkElement(BaseElement element, String templateId, List<String> problems) {
    String at = element.getId() + ": ";
    Map<Integer, JsonNode> versions = templates.get(templateId);
    if (versions == null) {
      problems.add(at + "names template '" + templateId + "', which is not shipped");
      return;
    }
    String version = element.getAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion");
    JsonNode template = versions.entrySet().stream()
        .filter(shipped -> String.valueOf(shipped.getKey()).equals(version))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (template == null) {
      problems.add(at + "has camunda:modelerTemplateVersion " + version + " but template " + templateId
          + " is shipped in versions " + versions.keySet());
      return;
    }

    Set<String> types = bpmnTypes(element.getElementType());
    boolean applies = false;
    for (JsonNode type : template.path("appliesTo")) {
      applies |= types.contains(type.asText());
    }
    if (!applies) {
      problems.add(at + "template " + templateId + " does not apply to " + types.iterator().next());
    }

    Map<String, CamundaProperty> properties = new LinkedHashMap<>();
    Map<String, CamundaInputParameter> inputs = new LinkedHashMap<>();
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions != null) {
      for (CamundaProperties group : extensions.getElementsQuery().filterByType(CamundaProperties.class).list()) {
        for (CamundaProperty property : group.getCamundaProperties()) {
          if (properties.put(property.getCamundaName(), property) != null) {
            problems.add(at + "has camunda:property '" + property.getCamundaName() + "' twice");
          }
        }
      }
      for (CamundaInputOutput io : extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list()) {
        for (CamundaInputParameter input : io.getCamundaInputParameters()) {
          if (inputs.put(input.getCamundaName(), input) != null) {
            problems.add(at + "has input parameter '" + input.getCamundaName() + "' twice");
          }
        }
      }
    }

    Set<String> definedProperties = new HashSet<>();
    Set<String> definedInputs = new HashSet<>();
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      String name = binding.path("name").asText();
      switch (binding.path("type").asText()) {
        case "property" -> {
          String value = name.startsWith("camunda:")
              ? element.getAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()))
              : element.getAttributeValue(name);
          checkValue(at + "attribute " + name, property, value, problems);
        }
        case "camunda:property" -> {
          definedProperties.add(name);
          CamundaProperty actual = properties.get(name);
          checkValue(at + "camunda:property '" + name + "'", property, actual == null ? null : actual.getCamundaValue(),
              problems);
        }
        case "camunda:inputParameter" -> {
          definedInputs.add(name);
          CamundaInputParameter actual = inputs.get(name);
          String value = null;
          if (actual != null) {
            String scriptFormat = binding.path("scriptFormat").asText(null);
            Object nested = actual.getValue();
            if (scriptFormat == null && nested != null) {
              problems.add(at + "input parameter '" + name + "' must be plain text, not " + nested.getClass().getSimpleName());
            } else if (scriptFormat == null) {
              value = actual.getTextContent();
            } else if (nested instanceof CamundaScript script) {
              if (!scriptFormat.equals(script.getCamundaScriptFormat())) {
                problems.add(at + "input parameter '" + name + "' must be a " + scriptFormat + " script, not "
                    + script.getCamundaScriptFormat());
              }
              value = script.getTextContent();
            } else {
              problems.add(at + "input parameter '" + name + "' must be a " + scriptFormat + " script");
            }
          }
          checkValue(at + "input parameter '" + name + "'", property, value, problems);
        }
        default -> problems.add(at + "template " + templateId + " uses binding type " + binding.path("type").asText()
            + ", which this check does not know yet");
      }
    }
    for (String name : properties.keySet()) {
      if (!definedProperties.contains(name)) {
        problems.add(at + "has camunda:property '" + name + "', which template " + templateId + " does not define");
      }
    }
    for (String name : inputs.keySet()) {
      if (!definedInputs.contains(name)) {
        problems.add(at + "has input parameter '" + name + "', which template " + templateId + " does not define");
      }
    }

    if (needsMessageEvent(templateId)) {
      List<MessageEventDefinition> messages = element instanceof CatchEvent event
          ? event.getEventDefinitions().stream()
              .filter(MessageEventDefinition.class::isInstance).map(MessageEventDefinition.class::cast).toList()
          : List.of();
      if (messages.size() != 1 || ((CatchEvent) element).getEventDefinitions().size() != 1) {
        problems.add(at + "template " + templateId + " needs a message catch event (exactly one messageEventDefinition)");
      } else if (messages.get(0).getAttributeValue("messageRef") != null) {
        problems.add(at + "has a messageRef; the engine plugin sets it at deploy time, leave it out");
      }
    }
  }

  private static void checkValue(String what, JsonNode property, String value, List<String> problems) {
    String type = property.path("type").asText("String");
    JsonNode constraints = property.path("constraints");
    if (value == null) {
      if (property.has("value") || constraints.path("notEmpty").asBoolean(false) || type.equals("Hidden")) {
        problems.add(what + " is missing");
      }
      return;
    }
    switch (type) {
      case "Hidden" -> {
        String expected = property.path("value").asText();
        if (!expected.equals(value)) {
          problems.add(what + " is '" + value + "' but the template fixes it to '" + expected + "'");
        }
      }
      case "Dropdown" -> {
        List<String> choices = ElementTemplates.choiceValues(property);
        if (!choices.contains(value)) {
          problems.add(what + " is '" + value + "', not one of " + choices);
        }
      }
      case "Boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          problems.add(what + " is '" + value + "', not true or false");
        }
      }
      default -> {
        if (constraints.path("notEmpty").asBoolean(false) && value.isBlank()) {
          problems.add(what + " is empty");
        }
        if (constraints.has("maxLength") && value.length() > constraints.path("maxLength").asInt()) {
          problems.add(what + " is longer than " + constraints.path("maxLength").asInt() + " characters");
        }
        if (constraints.has("minLength") && value.length() < constraints.path("minLength").asInt()) {
          problems.add(what + " is shorter than " + constraints.path("minLength").asInt() + " characters");
        }
        JsonNode pattern = constraints.path("pattern");
        String regex = pattern.isTextual() ? pattern.asText() : pattern.path("value").asText(null);
        if (regex != null && !Pattern.compile(regex).matcher(value).find()) {
          problems.add(what + " is '" + value + "', which does not match " + regex);
        }
      }
    }
  }

  /** e.g. serviceTask → [bpmn:ServiceTask, bpmn:Task, bpmn:Activity, bpmn:FlowNode, ...]. */
  private static Set<String> bpmnTypes(ModelElementType type) {
    Set<String> names = new LinkedHashSet<>();
    for (ModelElementType t = type; t != null; t = t.getBaseType()) {
      String name = t.getTypeName();
      names.add("bpmn:" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
    }
    return names;
  }
}
