package io.touchpoint.engine;

import io.touchpoint.delivery.Channel;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.rendering.MarkingOutputFormat;
import io.touchpoint.rendering.SafeFreeMarker;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * In the parser's copy, every inline FreeMarker text is rendered by Touchpoint's safe FreeMarker and read as
 * written:
 * <ul>
 *   <li>its language becomes {@link SafeFreeMarker#LANGUAGE}, which only Touchpoint's script engine answers, so
 *       no other FreeMarker configuration (a process application's own, say) ever renders it;</li>
 *   <li>it starts with an {@code <#ftl>} header on a line of its own, which renders to nothing. Camunda would
 *       otherwise read a text starting with {@code ${} or {@code #{} as a JUEL expression computing the template:
 *       a deploy-time error for FreeMarker syntax ({@code ${firstName!'there'}}) and contact data rendered a
 *       second time as a template;</li>
 *   <li>where Touchpoint acts on what the author wrote, the header selects a {@link MarkingOutputFormat}: the
 *       webhook's URL, headers and body (secret references) and the email's text (tracked links) mark data, the
 *       email's HTML escapes and marks it.</li>
 * </ul>
 */
class FreeMarkerTexts implements ParseCopy.Rewrite {

  private static final Set<String> WEBHOOK_TEXTS = Set.of("url", "headers", "body");
  private static final Map<String, MarkingOutputFormat> EMAIL_TEXTS =
      Map.of("text", MarkingOutputFormat.TEXT, "html", MarkingOutputFormat.HTML);

  @Override
  public boolean mayApply(String xml) {
    return xml.toLowerCase(Locale.ROOT).contains(SafeFreeMarker.FREEMARKER);
  }

  @Override
  public boolean apply(BpmnModelInstance model) {
    boolean changed = false;
    for (CamundaScript script : model.getModelElementsByType(CamundaScript.class)) {
      if (SafeFreeMarker.FREEMARKER.equalsIgnoreCase(script.getCamundaScriptFormat())
          && script.getCamundaResource() == null) {
        MarkingOutputFormat format = format(script);
        String header = format == null ? "<#ftl>" : "<#ftl output_format=\"" + format.getName() + "\">";
        String text = script.getTextContent();
        script.setCamundaScriptFormat(SafeFreeMarker.LANGUAGE);
        script.setTextContent(header + "\n" + (text == null ? "" : text));
        changed = true;
      }
    }
    return changed;
  }

  private static MarkingOutputFormat format(CamundaScript script) {
    if (!(script.getParentElement() instanceof CamundaInputParameter parameter)) {
      return null;
    }
    ServiceTask task = enclosingServiceTask(parameter);
    if (task == null) {
      return null;
    }
    String name = parameter.getCamundaName();
    if (TouchpointElements.WEBHOOK_DELEGATE.equals(trim(task.getCamundaDelegateExpression()))) {
      return WEBHOOK_TEXTS.contains(name) ? MarkingOutputFormat.TEXT : null;
    }
    boolean email = Channel.fromWireName(trim(TouchpointElements.properties(task).get(TouchpointElements.CHANNEL)))
        .filter(Channel.EMAIL::equals).isPresent();
    return email ? EMAIL_TEXTS.get(name) : null;
  }

  private static ServiceTask enclosingServiceTask(ModelElementInstance element) {
    for (ModelElementInstance parent = element.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof ServiceTask task) {
        return task;
      }
    }
    return null;
  }

  private static String trim(String value) {
    return value == null ? null : value.trim();
  }
}
