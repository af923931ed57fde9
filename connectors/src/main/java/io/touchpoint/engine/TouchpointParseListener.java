package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.engine.StatusCatchParser.AwaitedStatus;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendIntake;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Turns templated BPMN elements into Touchpoint behaviour at deploy time, and refuses a journey
 * that cannot work with an error naming the element. It reads each element's Touchpoint properties and hands it
 * to the step for its kind:
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
 *   <li>{@link JourneyEndParser}: a known outcome (completed, goal, drop-off).</li>
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

  public TouchpointParseListener(Map<Channel, ChannelConnector<?>> connectors, SendIntake sends, StatusWaits waits,
      DeliveryStatusService statuses, Executor afterCommit) {
    this.channelTasks = new ChannelTaskParser(connectors, sends);
    this.statusCatches = new StatusCatchParser(waits, statuses, afterCommit);
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    taskRetries.parse(element, activity);
    sendGovernance.parse(element, activity);
    channelTasks.parse(element, activity);
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    journeyStarts.parse(element, scope, activity);
    businessEventCatches.parse(element, activity);
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    businessEventCatches.parse(element, activity);
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    businessEventCatches.parse(element, activity);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    journeyEnds.parse(element, activity);
  }

  /** What needs the whole graph, or the input parameters the engine parses after an element's callback. */
  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
    List<AwaitedStatus> awaited = new ArrayList<>();
    for (ActivityImpl activity : allActivities(process)) {
      if (activity.getProperty(TouchpointElements.CHANNEL) instanceof Channel channel) {
        channelTasks.requireInputs(find(processElement, activity.getId()), activity, channel);
      }
      String status = property(activity, TouchpointElements.STATUS);
      if (status != null) {
        awaited.add(statusCatches.parse(find(processElement, activity.getId()), activity, status));
      }
    }
    statusCatches.registerWaits(process, awaited);
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
