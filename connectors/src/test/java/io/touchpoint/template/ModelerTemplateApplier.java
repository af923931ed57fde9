package io.touchpoint.template;

import static org.camunda.bpm.model.bpmn.impl.BpmnModelConstants.CAMUNDA_NS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;

/**
 * Applies a Camunda 7 element template to a bare BPMN element the way Camunda Modeler does when an analyst picks the
 * template (bpmn-js-element-templates, {@code ChangeElementTemplateHandler} and {@code CreateHelper}):
 * {@code camunda:modelerTemplate} and {@code camunda:modelerTemplateVersion}; a {@code property} binding sets the
 * attribute; every {@code camunda:property} becomes a property (empty when it has no value); every
 * {@code camunda:inputParameter} becomes a parameter, also without a value, holding a script of the binding's
 * {@code scriptFormat} when it has one.
 */
final class ModelerTemplateApplier {

  private ModelerTemplateApplier() {
  }

  /**
   * @param valueOf the value the form holds for a template property: its default, or what the analyst typed; null
   *                when the field stays empty
   */
  static void apply(JsonNode template, BaseElement element, Function<JsonNode, String> valueOf) {
    element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplate", template.path("id").asText());
    element.setAttributeValueNs(CAMUNDA_NS, "modelerTemplateVersion", template.path("version").asText());
    for (JsonNode property : template.path("properties")) {
      JsonNode binding = property.path("binding");
      String name = binding.path("name").asText();
      String value = valueOf.apply(property);
      switch (binding.path("type").asText()) {
        case "property" -> setAttribute(element, name, value);
        case "camunda:property" -> addProperty(element, name, value == null ? "" : value);
        case "camunda:inputParameter" -> addInputParameter(element, name, binding.path("scriptFormat").asText(null), value);
        default -> throw new IllegalArgumentException("template " + template.path("id").asText() + " uses binding type "
            + binding.path("type").asText() + ", which " + ModelerTemplateApplier.class.getSimpleName()
            + " cannot apply yet: teach it what the Modeler does for it");
      }
    }
  }

  private static void setAttribute(BaseElement element, String name, String value) {
    if (value == null) {
      return;
    }
    if (name.startsWith("camunda:")) {
      element.setAttributeValueNs(CAMUNDA_NS, name.substring("camunda:".length()), value);
    } else {
      element.setAttributeValue(name, value);
    }
  }

  private static void addProperty(BaseElement element, String name, String value) {
    ExtensionElements extensions = extensionElements(element);
    CamundaProperties properties = extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .findFirst().orElseGet(() -> extensions.addExtensionElement(CamundaProperties.class));
    CamundaProperty property = model(element).newInstance(CamundaProperty.class);
    property.setCamundaName(name);
    property.setCamundaValue(value);
    properties.addChildElement(property);
  }

  private static void addInputParameter(BaseElement element, String name, String scriptFormat, String value) {
    ExtensionElements extensions = extensionElements(element);
    CamundaInputOutput io = extensions.getElementsQuery().filterByType(CamundaInputOutput.class).list().stream()
        .findFirst().orElseGet(() -> extensions.addExtensionElement(CamundaInputOutput.class));
    CamundaInputParameter input = model(element).newInstance(CamundaInputParameter.class);
    input.setCamundaName(name);
    if (scriptFormat != null) {
      CamundaScript script = model(element).newInstance(CamundaScript.class);
      script.setCamundaScriptFormat(scriptFormat);
      if (value != null) {
        script.setTextContent(value);
      }
      input.setValue(script);
    } else if (value != null) {
      input.setTextContent(value);
    }
    io.addChildElement(input);
  }

  private static ExtensionElements extensionElements(BaseElement element) {
    if (element.getExtensionElements() == null) {
      element.setExtensionElements(model(element).newInstance(ExtensionElements.class));
    }
    return element.getExtensionElements();
  }

  private static BpmnModelInstance model(BaseElement element) {
    return (BpmnModelInstance) element.getModelInstance();
  }
}
