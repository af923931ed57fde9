package io.touchpoint.analytics;

import io.touchpoint.delivery.Channel;
import io.touchpoint.engine.TouchpointElements;
import io.touchpoint.journey.JourneyOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/** What analytics reads from one deployed version of a journey: end outcomes, channel steps, branches. */
record JourneyModel(Map<String, JourneyOutcome> endOutcomes, List<Component> components, List<Split> splits) {

  /** The webhook template's delegate expression. */
  static final String WEBHOOK_DELEGATE = "${touchpointWebhook}";

  record Component(String activityId, String name, ComponentKind kind) {
  }

  record Split(String sourceId, List<Flow> flows) {
  }

  record Flow(String flowId, String targetId, String targetName) {
  }

  static JourneyModel of(BpmnModelInstance model) {
    Map<String, JourneyOutcome> outcomes = new HashMap<>();
    for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
      String outcome = TouchpointElements.properties(end).get(TouchpointElements.OUTCOME);
      JourneyOutcome.fromWireName(outcome == null ? "" : outcome.trim()).ifPresent(o -> outcomes.put(end.getId(), o));
    }
    List<Component> components = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      kind(task).ifPresent(kind -> components.add(new Component(task.getId(), nameOf(task), kind)));
    }
    // by the flows' sourceRef: a diagram need not list a node's <outgoing> flows
    Map<String, List<Flow>> outgoing = new LinkedHashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      outgoing.computeIfAbsent(flow.getSource().getId(), source -> new ArrayList<>())
          .add(new Flow(flow.getId(), flow.getTarget().getId(), nameOf(flow.getTarget())));
    }
    List<Split> splits = new ArrayList<>();
    outgoing.forEach((source, flows) -> {
      if (flows.size() > 1) {
        splits.add(new Split(source, List.copyOf(flows)));
      }
    });
    return new JourneyModel(Map.copyOf(outcomes), List.copyOf(components), List.copyOf(splits));
  }

  Optional<JourneyOutcome> outcomeAt(String endActivityId) {
    return Optional.ofNullable(endActivityId == null ? null : endOutcomes.get(endActivityId));
  }

  private static Optional<ComponentKind> kind(ServiceTask task) {
    if (WEBHOOK_DELEGATE.equals(task.getCamundaDelegateExpression())) {
      return Optional.of(ComponentKind.WEBHOOK);
    }
    String channel = TouchpointElements.properties(task).get(TouchpointElements.CHANNEL);
    return channel == null ? Optional.empty() : Channel.fromWireName(channel.trim()).map(ComponentKind::of);
  }

  private static String nameOf(FlowElement element) {
    return element.getName() == null || element.getName().isBlank() ? element.getId() : element.getName();
  }
}
