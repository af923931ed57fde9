package io.touchpoint.engine;

import java.util.Locale;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;

/**
 * Camunda reads an inline script whose text starts with {@code ${} or {@code #{} as a JUEL
 * expression that computes the script's source. For a FreeMarker message text written by an
 * analyst ({@code ${firstName}, your cart is waiting}) that means a deploy-time error for FreeMarker
 * syntax ({@code ${firstName!'there'}}) and the contact's data rendered a second time as a
 * template. In the parser's copy such a text starts with an empty FreeMarker comment instead, so it
 * is always the template itself; what it renders to is unchanged.
 */
class FreeMarkerTextsAsWritten implements ParseCopy.Rewrite {

  private static final String EMPTY_COMMENT = "<#---->";

  @Override
  public boolean mayApply(String xml) {
    return xml.toLowerCase(Locale.ROOT).contains("freemarker");
  }

  @Override
  public boolean apply(BpmnModelInstance model) {
    boolean changed = false;
    for (CamundaScript script : model.getModelElementsByType(CamundaScript.class)) {
      String text = script.getTextContent();
      if ("freemarker".equalsIgnoreCase(script.getCamundaScriptFormat()) && script.getCamundaResource() == null
          && startsLikeAnExpression(text)) {
        script.setTextContent(EMPTY_COMMENT + text);
        changed = true;
      }
    }
    return changed;
  }

  private static boolean startsLikeAnExpression(String text) {
    String trimmed = text == null ? "" : text.trim();
    return trimmed.startsWith("${") || trimmed.startsWith("#{");
  }
}
