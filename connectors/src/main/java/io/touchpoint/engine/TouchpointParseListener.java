package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.engine.StatusCatchParser.AwaitedStatus;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.experiment.ExperimentSplit;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendIntake;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.BpmnParseFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Turns templated BPMN elements into Touchpoint behaviour at deploy time, and refuses a journey that cannot work,
 * listing every problem with the element it is about ({@link DiagramProblems}). It reads each element's Touchpoint
 * properties and hands it to the step for its kind:
 * <ul>
 *   <li>{@link ChannelTaskParser}: known channel, required inputs present, asynchronous;</li>
 *   <li>{@link TaskRetriesParser}: the retry cycle of any Touchpoint task, from the form;</li>
 *   <li>{@link SendGovernanceParser}: a channel task's message type and how long it may be held;</li>
 *   <li>{@link StatusCatchParser}: a status its preceding send's channel can report; subscription scoped to that
 *       send;</li>
 *   <li>{@link BusinessEventCatchParser}: a business event name the event API accepts; subscription scoped to
 *       the journey's contact;</li>
 *   <li>{@link JourneyStartParser}: a top-level none start event, a business event name the event API accepts,
 *       a valid re-entry rule;</li>
 *   <li>{@link JourneyEndParser}: a known outcome (completed, goal, drop-off);</li>
 *   <li>{@link ExperimentSplitParser}: variants named on the flows and weighted, the journey's goal, the flows'
 *       conditions from the contact's sticky variant;</li>
 *   <li>{@link HoldoutParser}: the Journey start's holdout, held-out contacts ending at once.</li>
 * </ul>
 */
public class TouchpointParseListener extends AbstractBpmnParseListener {

  private final TaskRetriesParser taskRetries = new TaskRetriesParser();
  private final SendGovernanceParser sendGovernance = new SendGovernanceParser();
  private final ChannelTaskParser channelTasks;
  private final StatusCatchParser statusCatches;
  private final BusinessEventCatchParser businessEventCatches = new BusinessEventCatchParser();
  private final JourneyStartParser journeyStarts = new JourneyStartParser();
  private final JourneyEndParser journeyEnds = new JourneyEndParser();
  private final ExperimentSplitParser experimentSplits;
  private final HoldoutParser holdouts;
  private final DiagramProblems problems = new DiagramProblems();

  public TouchpointParseListener(Map<Channel, ChannelConnector<?>> connectors, SendIntake sends, StatusWaits waits,
      DeliveryStatusService statuses, Executor afterCommit, ExperimentAssignments assignments) {
    this.channelTasks = new ChannelTaskParser(connectors, sends);
    this.statusCatches = new StatusCatchParser(waits, statuses, afterCommit);
    this.experimentSplits = new ExperimentSplitParser(assignments);
    this.holdouts = new HoldoutParser(assignments);
  }

  /** The engine's parses, made to list every problem this listener finds rather than stop at the first. */
  BpmnParseFactory parseFactory() {
    return problems;
  }

  @Override
  public void parseExclusiveGateway(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    problems.check(() -> taskRetries.parse(element, activity));
    problems.check(() -> sendGovernance.parse(element, activity));
    problems.check(() -> channelTasks.parse(element, activity));
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    problems.check(() -> journeyStarts.parse(element, scope, activity));
    problems.check(() -> businessEventCatches.parse(element, activity));
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    problems.check(() -> businessEventCatches.parse(element, activity));
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    problems.check(() -> businessEventCatches.parse(element, activity));
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    problems.check(() -> journeyEnds.parse(element, activity));
  }

  /** What needs the whole graph, or the input parameters the engine parses after an element's callback. */
  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
    List<AwaitedStatus> awaited = new ArrayList<>();
    List<ActivityImpl> activities = allActivities(process);
    for (ActivityImpl activity : activities) {
      if (activity.getProperty(TouchpointElements.CHANNEL) instanceof Channel channel) {
        problems.check(() -> channelTasks.requireInputs(find(processElement, activity.getId()), activity, channel));
      }
      String status = property(activity, TouchpointElements.STATUS);
      if (status != null) {
        problems.check(() -> statusCatches.parse(find(processElement, activity.getId()), activity, status)
            .ifPresent(awaited::add));
      }
    }
    statusCatches.registerWaits(process, awaited);
    parseExperiments(processElement, process, activities);
  }

  private void parseExperiments(Element processElement, ProcessDefinitionEntity process,
      List<ActivityImpl> activities) {
    Set<String> goalEvents = JourneyGoal.events(activities);
    List<ExperimentSplit> experiments = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    boolean splitsParsed = true;
    for (ActivityImpl activity : activities) {
      if (property(activity, TouchpointElements.EXPERIMENT) != null) {
        Element element = find(processElement, activity.getId());
        splitsParsed &= problems.check(() -> {
          ExperimentSplit experiment = experimentSplits.parse(element, activity, process.getKey(), goalEvents,
              flowId -> find(processElement, flowId));
          if (!keys.add(experiment.key())) {
            throw new BpmnParseException(ErrorCode.DEPLOY_014 + " Experiment split '" + activity.getId()
                + "' has experiment key '" + experiment.key() + "', which another split of this journey has too",
                element);
          }
          experiments.add(experiment);
        });
      }
    }
    if (!splitsParsed) {
      // a holdout is measured against the journey's splits: judged once they are all right
      return;
    }
    for (ActivityImpl activity : activities) {
      if (property(activity, TouchpointElements.HOLDOUT) != null) {
        problems.check(() -> holdouts.parse(find(processElement, activity.getId()), activity, process.getKey(),
            experiments, goalEvents));
      }
    }
  }

  private static List<ActivityImpl> allActivities(ScopeImpl scope) {
    return scope.getActivities().stream()
        .flatMap(activity -> Stream.concat(Stream.of(activity), allActivities(activity).stream()))
        .toList();
  }

  private static Element find(Element root, String id) {
    if (id.equals(root.attribute("id"))) {
      return root;
    }
    for (Element child : root.elements()) {
      Element found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
