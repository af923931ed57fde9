package io.touchpoint.correlation;

import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs where status catch events start waiting (an event-based gateway, or the catch itself).
 * Records the wait with the subscription, and once that commits correlates statuses that
 * arrived earlier — before the gateway's transaction was visible to the callback.
 */
public class StatusWaitListener implements ExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWaitListener.class);

  private final String channelTaskId;
  private final Set<DeliveryStatus> awaited;
  private final StatusWaits waits;
  private final DeliveryStatusService statuses;
  private final Executor afterCommit;

  public StatusWaitListener(String channelTaskId, Set<DeliveryStatus> awaited, StatusWaits waits,
      DeliveryStatusService statuses, Executor afterCommit) {
    this.channelTaskId = channelTaskId;
    this.awaited = Set.copyOf(awaited);
    this.waits = waits;
    this.statuses = statuses;
    this.afterCommit = afterCommit;
  }

  private void reconcile(String deliveryId) {
    try {
      statuses.reconcile(deliveryId, awaited);
    } catch (RuntimeException e) {
      LOG.warn(ErrorCode.CORRELATE_005 + " reconciling delivery {} failed; the sweeper retries it", deliveryId, e);
    }
  }

  @Override
  public void notify(DelegateExecution execution) {
    Object deliveryId = execution.getVariable(StatusMessages.deliveryVariable(channelTaskId));
    if (deliveryId == null) {
      return;
    }
    String id = deliveryId.toString();
    waits.register(id, awaited, execution.getProcessInstanceId());
    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> {
          try {
            afterCommit.execute(() -> reconcile(id));
          } catch (RejectedExecutionException busy) {
            // the sweeper correlates it from the recorded wait
          }
        });
  }
}
