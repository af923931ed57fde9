package io.touchpoint.engine;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusWaitListener;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendGovernance;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.PvmTransition;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Status catches (message catch events with a {@code touchpoint.status}): a delivery status the channel of the
 * send before them can report; the subscription scoped to that send; a wait recorded where they start waiting
 * (an event-based gateway, or the catch itself), so statuses that arrived earlier are correlated too.
 * They need the whole graph (their preceding send), which exists only once the process is parsed.
 */
final class StatusCatchParser {

  /** A status one catch waits for: of which send, and in the scope that starts waiting. */
  record AwaitedStatus(ActivityImpl eventScope, String sendId, DeliveryStatus status) {
  }

  private final StatusWaits waits;
  private final DeliveryStatusService statuses;
  private final Executor afterCommit;

  StatusCatchParser(StatusWaits waits, DeliveryStatusService statuses, Executor afterCommit) {
    this.waits = waits;
    this.statuses = statuses;
    this.afterCommit = afterCommit;
  }

  /** @return empty when the send before the catch was refused: that send's problem is listed already */
  Optional<AwaitedStatus> parse(Element element, ActivityImpl statusCatch, String statusName) {
    DeliveryStatus status = parseStatus(statusName, statusCatch, element);
    ActivityImpl send = precedingChannelTask(statusCatch, element);
    if (!(send.getProperty(TouchpointElements.CHANNEL) instanceof Channel channel)) {
      return Optional.empty();
    }
    if (!channel.canReport(status)) {
      throw new BpmnParseException(ErrorCode.DEPLOY_006 + " Status catch '" + statusCatch.getId() + "' waits for '"
          + status.wireName() + "', but its send '" + send.getId() + "' is " + channel.name()
          + ", which reports only " + wireNames(channel.reportableStatuses()), element);
    }
    CatchEventSubscriptions.scope(element, statusCatch, SubscriptionName.ofStatus(send.getId(), status));
    return Optional.of(new AwaitedStatus((ActivityImpl) statusCatch.getEventScope(), send.getId(), status));
  }

  /**
   * Each scope that runs status catches starts one wait per send they are about, for all the statuses awaited;
   * the process forgets its waits when it ends.
   */
  void registerWaits(ProcessDefinitionEntity process, List<AwaitedStatus> awaited) {
    Map<ActivityImpl, Map<String, Set<DeliveryStatus>>> awaitedByScope = new LinkedHashMap<>();
    for (AwaitedStatus status : awaited) {
      awaitedByScope.computeIfAbsent(status.eventScope(), s -> new LinkedHashMap<>())
          .computeIfAbsent(status.sendId(), s -> EnumSet.noneOf(DeliveryStatus.class)).add(status.status());
    }
    awaitedByScope.forEach((eventScope, bySend) -> bySend.forEach((sendId, statusesOfSend) -> {
      eventScope.addBuiltInListener(ExecutionListener.EVENTNAME_START,
          new StatusWaitListener(sendId, statusesOfSend, waits, statuses, afterCommit));
      if (statusesOfSend.contains(DeliveryStatus.SUPPRESSED)) {
        process.findActivity(sendId).setProperty(SendGovernance.SUPPRESSED_AWAITED, true);
      }
    }));
    if (!awaitedByScope.isEmpty()) {
      ExecutionListener forgetWaits = execution -> waits.removeForInstance(execution.getProcessInstanceId());
      process.addBuiltInListener(ExecutionListener.EVENTNAME_END, forgetWaits);
    }
  }

  private static DeliveryStatus parseStatus(String statusName, ActivityImpl activity, Element element) {
    try {
      return DeliveryStatus.fromWireName(statusName);
    } catch (IllegalArgumentException unknown) {
      throw new BpmnParseException(ErrorCode.DEPLOY_007 + " Status catch '" + activity.getId() + "' waits for '"
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
        if (isChannelTask(source)) {
          sends.add(source);
        } else {
          todo.push(source);
        }
      }
    }
    if (sends.size() != 1) {
      throw new BpmnParseException(ErrorCode.DEPLOY_008 + " Status catch '" + statusCatch.getId() + "' "
          + (sends.isEmpty() ? "has no channel task before it: a status is always the status of a send"
              : "follows several channel tasks (" + sends.stream().map(ActivityImpl::getId)
                  .collect(Collectors.joining(", ")) + "); put it right after the send it is about"),
          element);
    }
    return sends.iterator().next();
  }

  /** A channel task, or one refused for a channel that is not installed. */
  private static boolean isChannelTask(ActivityImpl activity) {
    return activity.getProperty(TouchpointElements.CHANNEL) instanceof Channel
        || activity.getProperty(ChannelTaskParser.UNINSTALLED_CHANNEL) != null;
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

  private static String wireNames(Set<DeliveryStatus> statuses) {
    return statuses.stream().map(DeliveryStatus::wireName).collect(Collectors.joining(", "));
  }
}
