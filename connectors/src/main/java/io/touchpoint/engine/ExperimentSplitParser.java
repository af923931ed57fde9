package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.experiment.ExperimentSplit;
import io.touchpoint.experiment.VariantWeights;
import io.touchpoint.journey.TouchpointElements;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.Condition;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.TransitionImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Experiment splits (exclusive gateways with a {@code touchpoint.experiment}): each outgoing flow is named after
 * a variant of the split's weights, and the plugin sets the flows' conditions. When a contact reaches the split,
 * {@link ExperimentAssignments} gives their sticky variant (and records it), and only that variant's flow's
 * condition holds. Needs the flows and the journey's goal, which exist only once the process is parsed.
 */
final class ExperimentSplitParser {

  private static final Pattern KEY = Pattern.compile(ExperimentSplit.KEY_FORMAT);
  private static final Pattern WINDOW = Pattern.compile(ExperimentSplit.WINDOW_FORMAT);

  private final ExperimentAssignments assignments;

  ExperimentSplitParser(ExperimentAssignments assignments) {
    this.assignments = assignments;
  }

  /**
   * @param flowElements the {@code sequenceFlow} element of a transition, for its name and for errors
   * @param goalEvents   the journey's goal events ({@link JourneyGoal})
   */
  ExperimentSplit parse(Element element, ActivityImpl split, String journeyKey, Set<String> goalEvents,
      Function<String, Element> flowElements) {
    String key = property(split, TouchpointElements.EXPERIMENT);
    String at = ErrorCode.DEPLOY_014 + " Experiment split '" + split.getId() + "' ";
    if (!KEY.matcher(key).matches()) {
      throw new BpmnParseException(at + "has experiment key '" + key + "'; use letters, digits and . _ : - "
          + "(at most 100 characters), such as promo-first-message", element);
    }
    VariantWeights weights = weights(element, split, at);
    Duration window = window(element, split, at);
    if (goalEvents.size() != 1) {
      throw new BpmnParseException(at + (goalEvents.isEmpty()
          ? "needs a goal to count conversions: a Business event leading to a Journey end with outcome goal"
          : "cannot tell which goal converts: several business events lead to a goal (" + goalEvents + ")"),
          element);
    }
    ExperimentSplit experiment = new ExperimentSplit(key, weights, window, goalEvents.iterator().next());
    String variable = "touchpoint.variant." + key;
    Set<String> flowNames = new HashSet<>();
    for (PvmTransition transition : split.getOutgoingTransitions()) {
      Element flow = flowElements.apply(transition.getId());
      String name = flow == null || flow.attribute("name") == null ? "" : flow.attribute("name").trim();
      if (name.isEmpty()) {
        throw new BpmnParseException(at + "has an unnamed outgoing flow '" + transition.getId()
            + "'; name each flow after its variant (" + String.join(", ", weights.percent().keySet()) + ")", element);
      }
      if (!flowNames.add(name)) {
        throw new BpmnParseException(at + "has two outgoing flows named '" + name + "'; one flow per variant",
            element);
      }
      if (!weights.percent().containsKey(name)) {
        throw new BpmnParseException(at + "has a flow named '" + name + "' but no weight for it; the weights name "
            + String.join(", ", weights.percent().keySet()), element);
      }
      ((TransitionImpl) transition).setProperty(BpmnParse.PROPERTYNAME_CONDITION, new VariantIs(variable, name));
    }
    Set<String> unrouted = new LinkedHashSet<>(weights.percent().keySet());
    unrouted.removeAll(flowNames);
    if (!unrouted.isEmpty()) {
      throw new BpmnParseException(at + "weights " + String.join(", ", unrouted)
          + " but has no outgoing flow named so; name one flow after each variant", element);
    }
    ExecutionListener assign = execution -> {
      String contactId = execution.getProcessBusinessKey();
      String variant = JourneyStartParser.inShadowMode(execution) ? assignments.variantOf(experiment, contactId)
          : assignments.assign(experiment, journeyKey, contactId, execution.getProcessInstanceId());
      execution.setVariableLocal(variable, Variables.stringValue(variant, true));
    };
    split.addBuiltInListener(ExecutionListener.EVENTNAME_START, assign);
    return experiment;
  }

  private static VariantWeights weights(Element element, ActivityImpl split, String at) {
    String text = property(split, TouchpointElements.VARIANT_WEIGHTS);
    if (text == null) {
      throw new BpmnParseException(at + "has no weights; e.g. A=45,B=45,control=10", element);
    }
    try {
      return VariantWeights.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BpmnParseException(at + "has weights '" + text + "': " + e.getMessage(), element);
    }
  }

  private static Duration window(Element element, ActivityImpl split, String at) {
    String text = property(split, TouchpointElements.CONVERSION_WINDOW);
    if (text == null) {
      return ExperimentSplit.DEFAULT_WINDOW;
    }
    try {
      Duration window = WINDOW.matcher(text).matches() ? Duration.parse(text) : Duration.ZERO;
      if (!window.isZero()) {
        return window;
      }
    } catch (DateTimeParseException e) {
      // "P" alone: reported below
    }
    throw new BpmnParseException(at + "has conversion window '" + text + "'; expected a positive ISO-8601 "
        + "duration in days, hours or minutes such as P7D or PT12H", element);
  }

  /**
   * The condition of a variant's flow: the split's start listener put the contact's variant in a transient
   * variable of the execution just before the gateway chooses its flow.
   */
  private record VariantIs(String variable, String variant) implements Condition {

    @Override
    public boolean evaluate(DelegateExecution execution) {
      return evaluate(execution, execution);
    }

    @Override
    public boolean evaluate(VariableScope scope, DelegateExecution execution) {
      return variant.equals(scope.getVariableLocal(variable));
    }

    @Override
    public boolean tryEvaluate(VariableScope scope, DelegateExecution execution) {
      return evaluate(scope, execution);
    }
  }
}
