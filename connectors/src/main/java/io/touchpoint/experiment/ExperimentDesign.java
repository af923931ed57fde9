package io.touchpoint.experiment;

import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.TouchpointElements;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * The experiments one deployed version of a journey runs, read from its diagram as the engine plugin checked it
 * at deploy: its splits, each with the flow of every variant, and its holdout.
 *
 * @param splits         the experiment splits, in the diagram's order; with a holdout and no split, the
 *                       journey as a whole against the holdout ({@link ExperimentSplit#wholeJourney})
 * @param holdoutPercent the Journey start's holdout, 0 when none
 * @param variantFlows   per experiment key, the id of each variant's sequence flow
 */
public record ExperimentDesign(List<ExperimentSplit> splits, int holdoutPercent,
    Map<String, Map<String, String>> variantFlows) {

  /** A version whose splits or holdout are not as the plugin accepts them cannot be deployed; read none. */
  public static ExperimentDesign of(BpmnModelInstance model, String journeyKey) {
    // by the flows' sourceRef: a diagram need not list a node's <outgoing> flows
    Map<FlowNode, List<SequenceFlow>> outgoing = new HashMap<>();
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      outgoing.computeIfAbsent(flow.getSource(), source -> new ArrayList<>()).add(flow);
    }
    Set<String> goals = goalEvents(model, outgoing);
    String goal = goals.size() == 1 ? goals.iterator().next() : null;
    List<ExperimentSplit> splits = new ArrayList<>();
    Map<String, Map<String, String>> flows = new LinkedHashMap<>();
    for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
      Map<String, String> properties = TouchpointElements.properties(gateway);
      String key = trimmed(properties.get(TouchpointElements.EXPERIMENT));
      String weights = trimmed(properties.get(TouchpointElements.VARIANT_WEIGHTS));
      if (key == null || weights == null || goal == null) {
        continue;
      }
      String window = trimmed(properties.get(TouchpointElements.CONVERSION_WINDOW));
      splits.add(new ExperimentSplit(key, VariantWeights.parse(weights),
          window == null ? ExperimentSplit.DEFAULT_WINDOW : Duration.parse(window), goal));
      Map<String, String> byVariant = new LinkedHashMap<>();
      for (SequenceFlow flow : outgoing.getOrDefault(gateway, List.of())) {
        if (flow.getName() != null) {
          byVariant.put(flow.getName().trim(), flow.getId());
        }
      }
      flows.put(key, byVariant);
    }
    int holdout = model.getModelElementsByType(StartEvent.class).stream()
        .filter(start -> start.getParentElement() instanceof Process)
        .map(start -> trimmed(TouchpointElements.properties(start).get(TouchpointElements.HOLDOUT)))
        .filter(value -> value != null && value.matches(ExperimentSplit.HOLDOUT_FORMAT))
        .mapToInt(Integer::parseInt).findFirst().orElse(0);
    if (holdout > 0 && splits.isEmpty() && goal != null) {
      splits.add(ExperimentSplit.wholeJourney(journeyKey, goal));
    }
    return new ExperimentDesign(List.copyOf(splits), holdout, flows);
  }

  /**
   * The business events (Business event elements) from which sequence flows lead to an end marked
   * {@code goal}: the journey's goal, as the engine plugin finds it at deploy.
   */
  private static Set<String> goalEvents(BpmnModelInstance model, Map<FlowNode, List<SequenceFlow>> outgoing) {
    Set<String> events = new TreeSet<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String event = trimmed(TouchpointElements.properties(node).get(TouchpointElements.AWAIT_EVENT));
      if (event != null && leadsToGoal(node, outgoing)) {
        events.add(event);
      }
    }
    return events;
  }

  private static boolean leadsToGoal(FlowNode from, Map<FlowNode, List<SequenceFlow>> outgoing) {
    Set<FlowNode> seen = new HashSet<>();
    Deque<FlowNode> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      FlowNode current = todo.pop();
      if (!seen.add(current)) {
        continue;
      }
      if (JourneyOutcome.GOAL.wireName().equals(trimmed(outcome(current)))) {
        return true;
      }
      outgoing.getOrDefault(current, List.of()).forEach(flow -> todo.push(flow.getTarget()));
    }
    return false;
  }

  private static String outcome(BaseElement element) {
    return TouchpointElements.properties(element).get(TouchpointElements.OUTCOME);
  }

  private static String trimmed(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
