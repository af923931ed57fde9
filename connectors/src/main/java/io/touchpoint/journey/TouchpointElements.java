package io.touchpoint.journey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** The {@code camunda:property} names the element templates write, and what the plugin reads. */
public final class TouchpointElements {

  /** On a channel service task: which channel, e.g. {@code sms}. */
  public static final String CHANNEL = "touchpoint.channel";
  /** On a channel service task: the failed-job retry cycle, e.g. {@code R3/PT5M}. */
  public static final String RETRY_CYCLE = "touchpoint.retryCycle";
  /** What a {@link #RETRY_CYCLE} value must look like: an ISO-8601 repeating interval, {@code R3/PT5M}. */
  public static final String RETRY_CYCLE_FORMAT = "R\\d+/P(?:\\d+[YMWD])*(?:T(?:\\d+(?:\\.\\d+)?[HMS])+)?";
  /** On a channel service task: what the send is for, {@code marketing} (default) or {@code transactional}. */
  public static final String MESSAGE_TYPE = "touchpoint.messageType";
  /** On a channel service task: the longest the send governor may hold the send (ISO-8601, default P1D). */
  public static final String HOLD_AT_MOST = "touchpoint.holdAtMost";
  /** On a status catch event: which delivery status it waits for, e.g. {@code delivered}. */
  public static final String STATUS = "touchpoint.status";
  /** On a journey's start event: the business event that starts it, e.g. {@code user.signup}. */
  public static final String START_EVENT = "touchpoint.event";
  /** On a journey's start event: the re-entry rule. */
  public static final String REENTRY = "touchpoint.reentry";
  /** On a message catch, boundary or event-subprocess start: the business event it waits for. */
  public static final String AWAIT_EVENT = "touchpoint.awaitEvent";
  /** On an end event: how the journey ended there ({@link io.touchpoint.journey.JourneyOutcome}). */
  public static final String OUTCOME = "touchpoint.outcome";
  /** On a journey's start event: the percentage of contacts held out of the journey (0 to 50). */
  public static final String HOLDOUT = "touchpoint.holdout";
  /**
   * On a journey's start event: {@code true} runs this version in shadow mode — contacts go through it beside the
   * live version, and its sends are recorded but never reach a provider.
   */
  public static final String SHADOW = "touchpoint.shadow";
  /** The values of {@link #SHADOW}: off, on. */
  public static final List<String> SHADOW_CHOICES = List.of("false", "true");
  /** On an experiment split (exclusive gateway): the experiment's key, stable across versions. */
  public static final String EXPERIMENT = "touchpoint.experiment";
  /** On an experiment split: the weight of each variant in percent, {@code A=45,B=45,control=10}. */
  public static final String VARIANT_WEIGHTS = "touchpoint.variantWeights";
  /** On an experiment split: how long after the split a goal counts as a conversion, ISO-8601 ({@code P7D}). */
  public static final String CONVERSION_WINDOW = "touchpoint.conversionWindow";
  /** The delegate expression of a webhook task. */
  public static final String WEBHOOK_DELEGATE = "${touchpointWebhook}";
  /**
   * The delegate expression of a channel task. The plugin gives every task with {@link #CHANNEL} the send
   * pipeline's behaviour, so the expression is never evaluated; it makes the diagram a valid service task.
   */
  public static final String CHANNEL_TASK_DELEGATE = "${touchpointChannelTask}";

  private TouchpointElements() {
  }

  /**
   * Reads the element's {@code camunda:property} values onto the activity. The engine itself
   * does so only for external tasks, so the parse listener calls this for every element it handles.
   */
  public static void readProperties(Element element, ActivityImpl activity) {
    Element extensions = element.element("extensionElements");
    Element properties = extensions == null ? null
        : extensions.elementNS(new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS), "properties");
    if (properties == null) {
      return;
    }
    Map<String, String> values = new HashMap<>();
    for (Element property : properties.elementsNS(new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS), "property")) {
      if (property.attribute("name") != null && property.attribute("value") != null) {
        values.put(property.attribute("name"), property.attribute("value"));
      }
    }
    activity.getProperties().set(BpmnProperties.EXTENSION_PROPERTIES, values);
  }

  /** The element's {@code camunda:property} values, once {@link #readProperties} ran. */
  public static Map<String, String> properties(ActivityImpl activity) {
    Map<String, String> properties = activity.getProperties().get(BpmnProperties.EXTENSION_PROPERTIES);
    return properties == null ? Map.of() : properties;
  }

  /** The {@code camunda:property} values of an element read with the BPMN model API. */
  public static Map<String, String> properties(BaseElement element) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return Map.of();
    }
    return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(properties -> properties.getCamundaProperties().stream())
        .filter(property -> property.getCamundaName() != null && property.getCamundaValue() != null)
        .collect(Collectors.toMap(CamundaProperty::getCamundaName, CamundaProperty::getCamundaValue,
            (first, second) -> first));
  }

  public static String property(ActivityImpl activity, String name) {
    String value = properties(activity).get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
