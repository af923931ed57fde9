package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendIntake;
import io.touchpoint.pipeline.SendTaskBehavior;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Channel tasks (service tasks with a {@code touchpoint.channel}): the channel is installed and every input its
 * connector requires is filled in; the task runs asynchronously and hands its send to the send pipeline.
 */
final class ChannelTaskParser {

  /** The channel a refused task names, which is not installed. */
  static final String UNINSTALLED_CHANNEL = "touchpoint.uninstalledChannel";

  private final Map<Channel, ChannelConnector<?>> connectors;
  private final SendIntake sends;

  ChannelTaskParser(Map<Channel, ChannelConnector<?>> connectors, SendIntake sends) {
    this.connectors = Map.copyOf(connectors);
    this.sends = sends;
  }

  /**
   * Marks the task with its {@link Channel}, which later steps look for: the channel its template names, or the
   * webhook's, which its template names by the delegate expression.
   */
  void parse(Element element, ActivityImpl activity) {
    String channelName = TouchpointElements.WEBHOOK_DELEGATE.equals(
        element.attributeNS(new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS), "delegateExpression"))
        ? Channel.WEBHOOK.wireName() : property(activity, TouchpointElements.CHANNEL);
    if (channelName == null) {
      return;
    }
    Channel channel = Channel.fromWireName(channelName).filter(connectors::containsKey).orElse(null);
    if (channel == null) {
      // still a send to the status catches after it, which are not refused for want of one
      activity.setProperty(UNINSTALLED_CHANNEL, channelName);
      throw new BpmnParseException(ErrorCode.DEPLOY_001 + " Channel task '" + activity.getId()
          + "' uses channel '" + channelName + "', which is not installed (installed: "
          + connectors.keySet().stream().map(Channel::wireName).sorted().collect(Collectors.joining(", "))
          + ")", element);
    }
    activity.setProperty(TouchpointElements.CHANNEL, channel);
    activity.setAsyncBefore(true);
    // the provider is called by the send pipeline after the job commits; the task waits for its answer
    activity.setActivityBehavior(new SendTaskBehavior(connectors.get(channel), sends));
  }

  /** Input parameters are parsed after the service task callback: checked once the whole process is. */
  void requireInputs(Element element, ActivityImpl activity, Channel channel) {
    Set<String> given = activity.getIoMapping() == null ? Set.of()
        : activity.getIoMapping().getInputParameters().stream().map(InputParameter::getName)
            .collect(Collectors.toSet());
    for (RecordComponent component : connectors.get(channel).inputType().getRecordComponents()) {
      // constraint annotations are not RECORD_COMPONENT-targeted: they land on the accessor
      boolean required = component.getAccessor().isAnnotationPresent(NotBlank.class)
          || component.getAccessor().isAnnotationPresent(NotNull.class);
      if (required && !given.contains(component.getName())) {
        throw new BpmnParseException(ErrorCode.DEPLOY_003 + " " + channel.name() + " task '" + activity.getId()
            + "' has no '" + component.getName() + "'; fill it in the task's form", element);
      }
    }
  }
}
