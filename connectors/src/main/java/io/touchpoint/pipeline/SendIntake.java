package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a channel task's send in the journey's transaction and, once that commits, hands it to this
 * node's send pipeline. A send that is not made (opted out, invalid input) is recorded as skipped with
 * its "failed" status at once.
 */
public class SendIntake {

  private static final Logger LOG = LoggerFactory.getLogger(SendIntake.class);

  private final SendPreparation preparation;
  private final DeliveryLedger ledger;
  private final SendPipeline pipeline;
  private final Clock clock;

  public SendIntake(SendPreparation preparation, DeliveryLedger ledger, SendPipeline pipeline, Clock clock) {
    this.preparation = preparation;
    this.ledger = ledger;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  /** @return whether the send waits for the pipeline (false: skipped, the task may leave at once) */
  boolean record(ExecutionEntity execution, ChannelConnector<?> connector) {
    PreparedSend send = preparation.prepare(SendStep.of(execution), connector, execution.getVariablesLocal(),
        execution.getVariables());
    Delivery delivery = send.delivery();
    execution.setVariable(StatusMessages.deliveryVariable(execution.getActivityId()), delivery.id());
    Instant now = clock.instant();
    if (delivery.outcome() == Outcome.SKIPPED) {
      ledger.insert(delivery, null, now);
      ledger.recordStatus(delivery.id(), DeliveryStatus.FAILED, null, delivery.outcomeCode(), now);
      LOG.info(ErrorCode.SEND_004 + " delivery {} skipped: {}", delivery.id(), delivery.outcomeReason());
      return false;
    }
    ledger.insert(delivery, pipeline.nodeId(), now);
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> pipeline.submit(send));
    return true;
  }
}
