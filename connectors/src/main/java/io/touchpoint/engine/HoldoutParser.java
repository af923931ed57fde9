package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.experiment.ExperimentSplit;
import io.touchpoint.experiment.StickyBuckets;
import io.touchpoint.journey.TouchpointElements;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.behavior.NoneStartEventActivityBehavior;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A journey's holdout (the Journey start's {@code touchpoint.holdout}, a percentage): a held-out contact's
 * instance starts, is recorded in the journey's experiments as {@value ExperimentSplit#HOLDOUT}, and ends at
 * its start event at once, so it sends nothing; analytics reads an instance that ended at a holdout start as
 * held out. Whether a contact is held out is a hash of the journey's key and the contact's id, so it is sticky.
 * A version in shadow mode holds the same contacts out, and records nothing in the experiments.
 */
final class HoldoutParser {

  private final ExperimentAssignments assignments;

  HoldoutParser(ExperimentAssignments assignments) {
    this.assignments = assignments;
  }

  /**
   * @param experiments the journey's splits; with none, the holdout is compared with the journey as a whole
   */
  void parse(Element element, ActivityImpl start, String journeyKey, List<ExperimentSplit> experiments,
      Set<String> goalEvents) {
    String text = property(start, TouchpointElements.HOLDOUT);
    if (text == null) {
      return;
    }
    String at = ErrorCode.DEPLOY_015 + " Journey start '" + start.getId() + "' ";
    if (property(start, TouchpointElements.START_EVENT) == null) {
      throw new BpmnParseException(ErrorCode.DEPLOY_015 + " Start event '" + start.getId() + "' has a holdout, but "
          + "only the Journey start (the one a business event starts) can hold contacts out", element);
    }
    if (!text.matches(ExperimentSplit.HOLDOUT_FORMAT)) {
      throw new BpmnParseException(at + "has holdout '" + text + "'; expected a whole percentage from 0 to 50",
          element);
    }
    int percent = Integer.parseInt(text);
    if (percent == 0) {
      return;
    }
    List<ExperimentSplit> measured = experiments;
    if (experiments.isEmpty()) {
      if (goalEvents.size() != 1) {
        throw new BpmnParseException(at + "holds out contacts, but " + (goalEvents.isEmpty()
            ? "the journey has no goal to compare them on: a Business event leading to a Journey end with "
                + "outcome goal" : "several business events lead to a goal (" + goalEvents + ")"), element);
      }
      measured = List.of(ExperimentSplit.wholeJourney(journeyKey, goalEvents.iterator().next()));
    }
    start.setActivityBehavior(new HoldoutStart(journeyKey, percent, measured, experiments.isEmpty(), assignments));
  }

  /**
   * A plain start event's behaviour (a Journey start is one, {@link JourneyStartParser}) with the holdout in
   * front: a held-out contact's instance ends here.
   */
  private static final class HoldoutStart extends NoneStartEventActivityBehavior {

    private final String journeyKey;
    private final int percent;
    private final List<ExperimentSplit> experiments;
    /** The journey has no split: every contact not held out is recorded here as the control. */
    private final boolean treatedAtStart;
    private final ExperimentAssignments assignments;

    HoldoutStart(String journeyKey, int percent, List<ExperimentSplit> experiments, boolean treatedAtStart,
        ExperimentAssignments assignments) {
      this.journeyKey = journeyKey;
      this.percent = percent;
      this.experiments = List.copyOf(experiments);
      this.treatedAtStart = treatedAtStart;
      this.assignments = assignments;
    }

    @Override
    public void execute(ActivityExecution execution) throws Exception {
      String contactId = execution.getProcessBusinessKey();
      boolean recorded = !JourneyStartParser.inShadowMode(execution);
      if (StickyBuckets.heldOut(journeyKey, percent, contactId)) {
        if (recorded) {
          experiments.forEach(experiment ->
              assignments.holdOut(experiment, journeyKey, contactId, execution.getProcessInstanceId()));
        }
        execution.end(true);
        return;
      }
      if (treatedAtStart && recorded) {
        assignments.assign(experiments.get(0), journeyKey, contactId, execution.getProcessInstanceId());
      }
      super.execute(execution);
    }
  }
}
