package io.touchpoint.analytics;

import io.touchpoint.delivery.Channel;
import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.TouchpointElements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;

/**
 * What analytics reads from one deployed version of a journey: end outcomes, channel steps, branches.
 *
 * @param eventSubprocesses the ids of its event subprocesses: the engine records one as the end of an instance
 *                          it ended, instead of the end event reached inside
 * @param singlePass no element of the journey can run twice in one instance (no loop, fork, multi-instance,
 *                   non-interrupting event): "instances that reached it" is then simply its activity instances
 * @param holdoutStarts the Journey start, when it holds contacts out: an instance that ended there was held out
 * @param shadow     the version runs in shadow mode: its figures are its own, never the journey's
 */
record JourneyModel(Map<String, JourneyOutcome> endOutcomes, Set<String> eventSubprocesses,
    List<Component> components, List<Split> splits, boolean singlePass, Set<String> holdoutStarts, boolean shadow) {

  record Component(String activityId, String name, Channel kind) {
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
    Set<String> eventSubprocesses = model.getModelElementsByType(SubProcess.class).stream()
        .filter(SubProcess::triggeredByEvent).map(SubProcess::getId).collect(Collectors.toUnmodifiableSet());
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
    Set<String> holdoutStarts = model.getModelElementsByType(StartEvent.class).stream()
        .filter(start -> TouchpointElements.properties(start).get(TouchpointElements.HOLDOUT) != null)
        .map(StartEvent::getId).collect(Collectors.toUnmodifiableSet());
    boolean shadow = model.getModelElementsByType(StartEvent.class).stream()
        .anyMatch(start -> "true".equals(TouchpointElements.properties(start).get(TouchpointElements.SHADOW)));
    return new JourneyModel(Map.copyOf(outcomes), eventSubprocesses, List.copyOf(components), List.copyOf(splits),
        isSinglePass(model, outgoing), holdoutStarts, shadow);
  }

  private static boolean isSinglePass(BpmnModelInstance model, Map<String, List<Flow>> outgoing) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean choosesOneWay = node instanceof ExclusiveGateway || node instanceof EventBasedGateway;
      if (outgoing.getOrDefault(node.getId(), List.of()).size() > 1 && !choosesOneWay
          || node instanceof Activity activity && activity.getLoopCharacteristics() != null
          || node instanceof BoundaryEvent boundary && !boundary.cancelActivity()
          || node instanceof StartEvent start && !start.isInterrupting()) {
        return false;
      }
    }
    // what can follow a node: its flows' targets, and the boundary events of an activity
    Map<String, List<String>> next = new HashMap<>();
    outgoing.forEach((source, flows) -> flows.forEach(
        flow -> next.computeIfAbsent(source, s -> new ArrayList<>()).add(flow.targetId())));
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      if (boundary.getAttachedTo() != null) {
        next.computeIfAbsent(boundary.getAttachedTo().getId(), s -> new ArrayList<>()).add(boundary.getId());
      }
    }
    Map<String, Boolean> onPath = new HashMap<>(); // true while on the current path, false once done
    for (String node : next.keySet()) {
      if (reachesPathAgain(node, next, onPath)) {
        return false;
      }
    }
    return true;
  }

  private static boolean reachesPathAgain(String node, Map<String, List<String>> next, Map<String, Boolean> onPath) {
    Boolean state = onPath.get(node);
    if (state != null) {
      return state;
    }
    onPath.put(node, true);
    for (String following : next.getOrDefault(node, List.of())) {
      if (reachesPathAgain(following, next, onPath)) {
        return true;
      }
    }
    onPath.put(node, false);
    return false;
  }

  boolean heldOutAt(String endActivityId) {
    return endActivityId != null && holdoutStarts.contains(endActivityId);
  }

  Optional<JourneyOutcome> outcomeAt(String endActivityId) {
    return Optional.ofNullable(endActivityId == null ? null : endOutcomes.get(endActivityId));
  }

  private static Optional<Channel> kind(ServiceTask task) {
    if (TouchpointElements.WEBHOOK_DELEGATE.equals(task.getCamundaDelegateExpression())) {
      return Optional.of(Channel.WEBHOOK);
    }
    String channel = TouchpointElements.properties(task).get(TouchpointElements.CHANNEL);
    return channel == null ? Optional.empty() : Channel.fromWireName(channel.trim());
  }

  private static String nameOf(FlowElement element) {
    return element.getName() == null || element.getName().isBlank() ? element.getId() : element.getName();
  }
}
