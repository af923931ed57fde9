package io.touchpoint.migration;

import io.touchpoint.journey.TouchpointElements;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;

/**
 * What a migration needs to know of one version of a journey: its steps, which are sends, and for each step that
 * waits for delivery statuses, the send whose statuses it waits for.
 */
record JourneyGraph(Map<String, String> names, Set<String> sends, Map<String, String> statusWaits) {

  static JourneyGraph of(BpmnModelInstance model) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> sends = new HashSet<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      names.put(node.getId(), node.getName() == null ? node.getId() : node.getName());
      if (node instanceof ServiceTask task && (TouchpointElements.properties(task).containsKey(TouchpointElements.CHANNEL)
          || TouchpointElements.WEBHOOK_DELEGATE.equals(task.getCamundaDelegateExpression()))) {
        sends.add(node.getId());
      }
    }
    // by the flows' targetRef: a diagram need not list a node's <incoming> flows
    Map<String, List<FlowNode>> sources = new HashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      sources.computeIfAbsent(flow.getTarget().getId(), target -> new ArrayList<>()).add(flow.getSource());
    }
    Map<String, String> statusWaits = new LinkedHashMap<>();
    for (IntermediateCatchEvent event : model.getModelElementsByType(IntermediateCatchEvent.class)) {
      if (!TouchpointElements.properties(event).containsKey(TouchpointElements.STATUS)) {
        continue;
      }
      String send = precedingSend(event, sends, sources);
      if (send != null) {
        statusWaits.put(event.getId(), send);
        sources.getOrDefault(event.getId(), List.of()).stream().filter(EventBasedGateway.class::isInstance)
            .forEach(gateway -> statusWaits.put(gateway.getId(), send));
      }
    }
    return new JourneyGraph(names, sends, statusWaits);
  }

  /** The nearest send upstream, as the plugin scopes a status catch's subscription (the deployment ensured one). */
  private static String precedingSend(FlowNode node, Set<String> sends, Map<String, List<FlowNode>> sources) {
    Deque<FlowNode> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    todo.push(node);
    while (!todo.isEmpty()) {
      for (FlowNode source : sources.getOrDefault(todo.pop().getId(), List.of())) {
        if (sends.contains(source.getId())) {
          return source.getId();
        }
        if (seen.add(source.getId())) {
          todo.push(source);
        }
      }
    }
    return null;
  }

  boolean has(String step) {
    return names.containsKey(step);
  }

  String nameOf(String step) {
    return names.getOrDefault(step, step);
  }
}
