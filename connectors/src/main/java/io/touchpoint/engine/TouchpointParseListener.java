package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.correlation.StatusWaitListener;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.RetryPlan;
import io.touchpoint.pipeline.SendIntake;
import io.touchpoint.pipeline.SendTaskBehavior;
import io.touchpoint.trigger.JourneyEvent;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * Turns templated BPMN elements into Touchpoint behaviour at deploy time, and refuses a journey
 * that cannot work with an error naming the element:
 * <ul>
 *   <li>channel task: known channel, required inputs present, asynchronous, retry cycle from the form;</li>
 *   <li>status catch: a status its preceding send's channel can report; subscription scoped to that send;</li>
 *   <li>business event catch: subscription scoped to the journey's contact;</li>
 *   <li>journey start: a top-level none start event with a valid re-entry rule;</li>
 *   <li>both: a business event name the event API accepts;</li>
 *   <li>journey end: a known outcome (completed, goal, drop-off).</li>
 * </ul>
 */
public class TouchpointParseListener extends AbstractBpmnParseListener {

  private static final Pattern EVENT_NAME = Pattern.compile(JourneyEvent.NAME_PATTERN);
  private static final Pattern RETRY_CYCLE = Pattern.compile(TouchpointElements.RETRY_CYCLE_FORMAT);

  private final Map<Channel, ChannelConnector<?>> connectors;
  private final SendIntake sends;
  private final StatusWaits waits;
  private final DeliveryStatusService statuses;
  private final Executor afterCommit;

  public TouchpointParseListener(Map<Channel, ChannelConnector<?>> connectors, SendIntake sends, StatusWaits waits,
      DeliveryStatusService statuses, Executor afterCommit) {
    this.connectors = Map.copyOf(connectors);
    this.sends = sends;
    this.waits = waits;
    this.statuses = statuses;
    this.afterCommit = afterCommit;
  }

  @Override
  public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    applyRetryCycle(element, activity);
    String channelName = TouchpointElements.WEBHOOK_DELEGATE.equals(
        element.attributeNS(new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS), "delegateExpression"))
        ? Channel.WEBHOOK.wireName() : property(activity, TouchpointElements.CHANNEL);
    if (channelName == null) {
      return;
    }
    Channel channel = Channel.fromWireName(channelName)
        .filter(connectors::containsKey)
        .orElseThrow(() -> new BpmnParseException("TOUCHPOINT-DEPLOY-001 Channel task '" + activity.getId()
            + "' uses channel '" + channelName + "', which is not installed (installed: "
            + connectors.keySet().stream().map(Channel::wireName).sorted().collect(Collectors.joining(", "))
            + ")", element));
    activity.setProperty(TouchpointElements.CHANNEL, channel);
    activity.setAsyncBefore(true);
    // the provider is called by the send pipeline after the job commits; the task waits for its answer
    activity.setActivityBehavior(new SendTaskBehavior(connectors.get(channel), sends));
  }

  /** The "Retries" field of every Touchpoint task template (channel tasks, webhooks). */
  private static void applyRetryCycle(Element element, ActivityImpl activity) {
    String retryCycle = property(activity, TouchpointElements.RETRY_CYCLE);
    if (retryCycle == null) {
      return;
    }
    if (!RETRY_CYCLE.matcher(retryCycle).matches()) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-002 Task '" + activity.getId()
          + "' has retries '" + retryCycle + "'; expected e.g. R3/PT5M (3 retries, 5 minutes apart)", element);
    }
    activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
        new FailedJobRetryConfiguration(expressions().createExpression(retryCycle)));
    activity.setProperty(RetryPlan.PROPERTY, RetryPlan.parse(retryCycle));
  }

  private void requireInputs(Element element, ActivityImpl activity, Channel channel) {
    Set<String> given = activity.getIoMapping() == null ? Set.of()
        : activity.getIoMapping().getInputParameters().stream().map(InputParameter::getName).collect(Collectors.toSet());
    for (RecordComponent component : connectors.get(channel).inputType().getRecordComponents()) {
      // constraint annotations are not RECORD_COMPONENT-targeted: they land on the accessor
      boolean required = component.getAccessor().isAnnotationPresent(NotBlank.class)
          || component.getAccessor().isAnnotationPresent(NotNull.class);
      if (required && !given.contains(component.getName())) {
        throw new BpmnParseException("TOUCHPOINT-DEPLOY-003 " + channel.name() + " task '" + activity.getId()
            + "' has no '" + component.getName() + "'; fill it in the task's form", element);
      }
    }
  }

  @Override
  public void parseStartEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    String event = property(activity, TouchpointElements.START_EVENT);
    if (event != null) {
      if (!(scope instanceof ProcessDefinitionEntity) || hasEventDefinition(element)) {
        throw new BpmnParseException("TOUCHPOINT-DEPLOY-004 Journey start '" + activity.getId()
            + "' must be a plain start event at the top of the process", element);
      }
      requireEventName(element, activity, "Journey start", event);
      String reentry = property(activity, TouchpointElements.REENTRY);
      if (reentry != null && ReentryRule.fromWireName(reentry).isEmpty()) {
        throw new BpmnParseException("TOUCHPOINT-DEPLOY-005 Journey start '" + activity.getId()
            + "' has re-entry rule '" + reentry + "'; expected one of " + ReentryRule.wireNames(), element);
      }
    }
    scopeBusinessEvent(element, activity);
  }

  @Override
  public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    scopeBusinessEvent(element, activity);
  }

  @Override
  public void parseBoundaryEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    scopeBusinessEvent(element, activity);
  }

  @Override
  public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
    TouchpointElements.readProperties(element, activity);
    String outcome = property(activity, TouchpointElements.OUTCOME);
    if (outcome != null && JourneyOutcome.fromWireName(outcome).isEmpty()) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-010 Journey end '" + activity.getId()
          + "' has outcome '" + outcome + "'; expected one of " + JourneyOutcome.wireNames(), element);
    }
  }

  private void scopeBusinessEvent(Element element, ActivityImpl activity) {
    String event = property(activity, TouchpointElements.AWAIT_EVENT);
    if (event != null) {
      requireEventName(element, activity, "Business event", event);
      renameMessage(element, activity, StatusMessages.businessEventMessageNameExpression(event));
    }
  }

  /** The names the event API accepts: any other could never start or resume the journey. */
  private static void requireEventName(Element element, ActivityImpl activity, String kind, String event) {
    if (event.length() > JourneyEvent.MAX_NAME_LENGTH || !EVENT_NAME.matcher(event).matches()) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-011 " + kind + " '" + activity.getId() + "' listens to '"
          + event + "'; a business event name is at most " + JourneyEvent.MAX_NAME_LENGTH
          + " letters, digits and . _ : - such as cart.abandoned", element);
    }
  }

  /** Status catches need the whole graph (their preceding send), which exists only now. */
  @Override
  public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
    Map<ActivityImpl, Map<String, Set<DeliveryStatus>>> awaitedByScope = new LinkedHashMap<>();
    for (ActivityImpl activity : allActivities(process)) {
      // input parameters are parsed after the service task callback: checked here
      if (activity.getProperty(TouchpointElements.CHANNEL) instanceof Channel channel) {
        requireInputs(find(processElement, activity.getId()), activity, channel);
      }
      String statusName = property(activity, TouchpointElements.STATUS);
      if (statusName == null) {
        continue;
      }
      Element element = find(processElement, activity.getId());
      DeliveryStatus status = parseStatus(statusName, activity, element);
      ActivityImpl send = precedingChannelTask(activity, element);
      Channel channel = (Channel) send.getProperty(TouchpointElements.CHANNEL);
      if (!channel.canReport(status)) {
        throw new BpmnParseException("TOUCHPOINT-DEPLOY-006 Status catch '" + activity.getId() + "' waits for '"
            + status.wireName() + "', but its send '" + send.getId() + "' is " + channel.name()
            + ", which reports only " + wireNames(channel.reportableStatuses()), element);
      }
      renameMessage(element, activity, StatusMessages.messageNameExpression(send.getId(), status));
      awaitedByScope.computeIfAbsent((ActivityImpl) activity.getEventScope(), s -> new LinkedHashMap<>())
          .computeIfAbsent(send.getId(), s -> EnumSet.noneOf(DeliveryStatus.class)).add(status);
    }
    awaitedByScope.forEach((eventScope, bySend) -> bySend.forEach((sendId, awaited) ->
        eventScope.addBuiltInListener(ExecutionListener.EVENTNAME_START,
            new StatusWaitListener(sendId, awaited, waits, statuses, afterCommit))));
    if (!awaitedByScope.isEmpty()) {
      ExecutionListener forgetWaits = execution -> waits.removeForInstance(execution.getProcessInstanceId());
      process.addBuiltInListener(ExecutionListener.EVENTNAME_END, forgetWaits);
    }
  }

  private static DeliveryStatus parseStatus(String statusName, ActivityImpl activity, Element element) {
    try {
      return DeliveryStatus.fromWireName(statusName);
    } catch (IllegalArgumentException unknown) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-007 Status catch '" + activity.getId() + "' waits for '"
          + statusName + "', which is not a delivery status (" + wireNames(EnumSet.allOf(DeliveryStatus.class))
          + ")", element);
    }
  }

  /** The channel task whose delivery a status catch is about: the nearest one upstream, unambiguous. */
  private static ActivityImpl precedingChannelTask(ActivityImpl statusCatch, Element element) {
    Set<ActivityImpl> sends = new LinkedHashSet<>();
    Set<ActivityImpl> seen = new HashSet<>();
    Deque<ActivityImpl> todo = new ArrayDeque<>(List.of(statusCatch));
    while (!todo.isEmpty()) {
      ActivityImpl current = todo.pop();
      for (ActivityImpl source : predecessors(current)) {
        if (!seen.add(source)) {
          continue;
        }
        if (source.getProperty(TouchpointElements.CHANNEL) instanceof Channel) {
          sends.add(source);
        } else {
          todo.push(source);
        }
      }
    }
    if (sends.size() != 1) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-008 Status catch '" + statusCatch.getId() + "' "
          + (sends.isEmpty() ? "has no channel task before it: a status is always the status of a send"
              : "follows several channel tasks (" + sends.stream().map(ActivityImpl::getId)
                  .collect(Collectors.joining(", ")) + "); put it right after the send it is about"),
          element);
    }
    return sends.iterator().next();
  }

  /** Sources of the incoming flows; for a catch event of an event-based gateway, the gateway. */
  private static List<ActivityImpl> predecessors(ActivityImpl activity) {
    List<ActivityImpl> predecessors = new ArrayList<>();
    for (PvmTransition incoming : activity.getIncomingTransitions()) {
      predecessors.add((ActivityImpl) incoming.getSource());
    }
    if (activity.getEventScope() instanceof ActivityImpl eventScope && eventScope != activity) {
      predecessors.add(eventScope);
    }
    return predecessors;
  }

  /** Replaces the placeholder message the pre-deployer gave the event with a scoped name. */
  private static void renameMessage(Element element, ActivityImpl activity, String nameExpression) {
    Map<String, EventSubscriptionDeclaration> declarations =
        EventSubscriptionDeclaration.getDeclarationsForScope(activity.getEventScope());
    EventSubscriptionDeclaration placeholder = declarations.get(activity.getId());
    if (placeholder == null || !EventType.MESSAGE.name().equals(placeholder.getEventType())) {
      throw new BpmnParseException("TOUCHPOINT-DEPLOY-009 '" + activity.getId()
          + "' must be a message event (apply the Touchpoint template to a message event)", element);
    }
    EventSubscriptionDeclaration scoped =
        new EventSubscriptionDeclaration(expressions().createExpression(nameExpression), EventType.MESSAGE);
    scoped.setActivityId(placeholder.getActivityId());
    scoped.setEventScopeActivityId(placeholder.getEventScopeActivityId());
    scoped.setStartEvent(placeholder.isStartEvent());
    scoped.setAsync(placeholder.isAsync());
    declarations.put(activity.getId(), scoped);
  }

  private static ExpressionManager expressions() {
    return Context.getProcessEngineConfiguration().getExpressionManager();
  }

  private static List<ActivityImpl> allActivities(ScopeImpl scope) {
    return scope.getActivities().stream()
        .flatMap(activity -> Stream.concat(Stream.of(activity), allActivities(activity).stream()))
        .toList();
  }

  private static boolean hasEventDefinition(Element element) {
    return element.elements().stream().anyMatch(child -> child.getTagName().endsWith("EventDefinition"));
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

  private static String wireNames(Set<DeliveryStatus> statuses) {
    return statuses.stream().map(DeliveryStatus::wireName).collect(Collectors.joining(", "));
  }
}
