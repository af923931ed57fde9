package io.touchpoint.migration;

import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.correlation.StatusWaitListener;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps Touchpoint's waits true to a contact that a migration moved, in the migration's own transaction. The engine
 * reports each migrated activity instance as a history event; for each:
 * <ul>
 *   <li>a send whose provider answer is still outstanding now waits at the target step: its ledger row names that
 *       step and execution, so the answer continues the contact there (and is not dropped as "moved on");</li>
 *   <li>when the send's step has a new id, or a status wait moved to a step about a renamed send, the delivery
 *       variable is copied to the new send's name, so later status waits of the new version find the delivery
 *       sent under the old one.</li>
 * </ul>
 * The subscriptions themselves keep their names ({@code touchpoint:<delivery>:<status>}): the plan never updates
 * event triggers.
 */
public class MigratedWaits implements HistoryEventHandler {

  private static final String MIGRATE = HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE.getEventName();

  private final JdbcClient jdbc;

  public MigratedWaits(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricActivityInstanceEventEntity moved && MIGRATE.equals(moved.getEventType())) {
      followUnansweredSend(moved);
      keepAwaitedDelivery(moved);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  private void followUnansweredSend(HistoricActivityInstanceEventEntity moved) {
    // SendStep's idempotency key: the activity instance, which a migration keeps
    List<String[]> sends = jdbc.sql("""
            select id, activity_id from tp_delivery
            where idempotency_key = ? and outcome in ('QUEUED', 'SENDING', 'RETRYING')""")
        .param("activity-instance:" + moved.getActivityInstanceId())
        .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    for (String[] send : sends) {
      jdbc.sql("update tp_delivery set activity_id = ?, execution_id = ? where id = ? or parent_id = ?")
          .params(moved.getActivityId(), moved.getExecutionId(), send[0], send[0]).update();
      if (!send[1].equals(moved.getActivityId())) {
        remember(moved.getProcessInstanceId(), moved.getActivityId(), send[0]);
      }
    }
  }

  private void keepAwaitedDelivery(HistoricActivityInstanceEventEntity moved) {
    CommandContext command = Context.getCommandContext();
    ProcessDefinitionEntity target = Context.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(moved.getProcessDefinitionId());
    ActivityImpl activity = target.findActivity(moved.getActivityId());
    if (activity == null) {
      return;
    }
    List<String> sends = activity.getBuiltInListeners(ExecutionListener.EVENTNAME_START).stream()
        .filter(StatusWaitListener.class::isInstance).map(listener -> ((StatusWaitListener) listener).channelTaskId())
        .toList();
    if (sends.size() != 1) {
      return; // no status wait here, or one about several sends: which delivery is whose is not known
    }
    for (EventSubscriptionEntity subscription : command.getEventSubscriptionManager()
        .findEventSubscriptionsByExecution(moved.getExecutionId())) {
      StatusMessages.deliveryOf(subscription.getEventName()).ifPresent(delivery ->
          remember(moved.getProcessInstanceId(), sends.get(0), delivery));
    }
  }

  /** The delivery a send of the target version stands for in this journey. */
  private static void remember(String processInstanceId, String sendId, String deliveryId) {
    ExecutionEntity instance = Context.getCommandContext().getExecutionManager().findExecutionById(processInstanceId);
    String variable = StatusMessages.deliveryVariable(sendId);
    if (!deliveryId.equals(instance.getVariable(variable))) {
      instance.setVariable(variable, deliveryId);
    }
  }
}
