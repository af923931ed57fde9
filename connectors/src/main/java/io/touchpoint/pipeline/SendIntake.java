package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.SkipReason;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.GovernedSend;
import io.touchpoint.governor.GovernorDecision;
import io.touchpoint.governor.SendGovernor;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a channel task's send in the journey's transaction and, once that commits, hands it to this
 * node's send pipeline. A send that is not made (opted out, invalid input, suppressed by the governor) is
 * recorded as skipped with its "failed" status at once; a send the governor holds waits at its task for a job due
 * when the hold ends. A journey version in shadow mode records its sends as {@code SHADOW} and goes on: no provider,
 * no governor (a shadow send neither waits for nor counts against a contact's caps), no status.
 */
public class SendIntake {

  /** Set at deploy on the process definition of a journey version in shadow mode. */
  public static final String SHADOW_MODE = "touchpoint.shadowMode";

  private static final Logger LOG = LoggerFactory.getLogger(SendIntake.class);
  /** The contact's time zone, as the event API stores it. */
  private static final String TIME_ZONE = "timezone";

  private final SendPreparation preparation;
  private final DeliveryLedger ledger;
  private final SendPipeline pipeline;
  private final SendGovernor governor;
  private final Clock clock;

  public SendIntake(SendPreparation preparation, DeliveryLedger ledger, SendPipeline pipeline, SendGovernor governor,
      Clock clock) {
    this.preparation = preparation;
    this.ledger = ledger;
    this.pipeline = pipeline;
    this.governor = governor;
    this.clock = clock;
  }

  /** @return whether the send waits at its task (false: not sent, the task may leave at once) */
  boolean record(ExecutionEntity execution, ChannelConnector<?> connector) {
    PreparedSend send = preparation.prepare(SendStep.of(execution), connector, execution.getVariablesLocal(),
        execution.getVariables());
    Delivery delivery = send.delivery();
    execution.setVariable(StatusMessages.deliveryVariable(execution.getActivityId()), delivery.id());
    if (delivery.outcome() == Outcome.SKIPPED) {
      ledger.insert(delivery, null, clock.instant());
      skipped(delivery, DeliveryStatus.FAILED);
      return false;
    }
    if (Boolean.TRUE.equals(execution.getProcessDefinition().getProperty(SHADOW_MODE))) {
      ledger.insert(delivery.shadow(), null, clock.instant());
      LOG.debug(ErrorCode.SEND_008 + " delivery {} recorded in shadow mode, not sent", delivery.id());
      return false;
    }
    Instant now = governorTime();
    SendGovernance governance = SendGovernance.of(execution.getActivity(), delivery.channel());
    String messageType = governance.messageType().name();
    GovernorDecision decision = governor.decide(governed(execution, delivery, governance, now), now);
    if (decision instanceof GovernorDecision.Hold hold) {
      ledger.insertGoverned(delivery, null, messageType, hold.reason(), now);
      holdUntil(execution, delivery.id(), hold);
      return true;
    }
    if (decision instanceof GovernorDecision.Suppress suppress) {
      Delivery suppressed = delivery.skipped(SkipReason.SUPPRESSED, "suppressed: " + suppress.reason());
      ledger.insertGoverned(suppressed, null, messageType, null, now);
      skipped(suppressed, SendGovernance.suppressedStatus(execution.getActivity()));
      return false;
    }
    ledger.insertGoverned(delivery, pipeline.nodeId(), messageType, null, now);
    afterCommit(() -> pipeline.submit(send));
    return true;
  }

  /**
   * Inside the held send's job: the governor decides again. Nothing happens when the send is no longer held (the
   * journey was cancelled or moved on).
   */
  void holdEnded(String deliveryId, ExecutionEntity execution) {
    Delivery delivery = ledger.findById(deliveryId).orElse(null);
    if (delivery == null || delivery.outcome() != Outcome.HELD) {
      return;
    }
    Instant now = governorTime();
    SendGovernance governance = SendGovernance.of(execution.getActivity(), delivery.channel());
    Instant firstDue = ledger.firstDueAt(deliveryId).orElse(now);
    GovernorDecision decision = governor.decide(governed(execution, delivery, governance, firstDue), now);
    if (decision instanceof GovernorDecision.Hold hold) {
      ledger.holdAgain(deliveryId, hold.reason());
      holdUntil(execution, deliveryId, hold);
    } else if (decision instanceof GovernorDecision.Suppress suppress) {
      ledger.suppress(deliveryId, suppress.reason());
      skipped(ledger.findById(deliveryId).orElseThrow(), SendGovernance.suppressedStatus(execution.getActivity()));
      execution.signal(SendTaskBehavior.ANSWERED, null);
    } else if (ledger.release(deliveryId, pipeline.nodeId(), now)) {
      PreparedSend send = pipeline.again(delivery, execution.getVariablesLocal(), execution.getVariables());
      afterCommit(() -> pipeline.submit(send));
    }
  }

  private GovernedSend governed(ExecutionEntity execution, Delivery delivery, SendGovernance governance,
      Instant firstDue) {
    Object timeZone = execution.getVariable(TIME_ZONE);
    return new GovernedSend(delivery.contactId(), timeZone instanceof String zone ? zone : null, delivery.channel(),
        delivery.journeyKey(), governance.messageType(), governance.holdAtMost(), firstDue);
  }

  private void holdUntil(ExecutionEntity execution, String deliveryId, GovernorDecision.Hold hold) {
    SendJobs.schedule(Context.getCommandContext(), execution, HeldSendJobHandler.TYPE, deliveryId,
        Date.from(hold.until()), 1, "held by the send governor: " + hold.reason());
    LOG.debug(ErrorCode.SEND_007 + " delivery {} held until {}: {}", deliveryId, hold.until(), hold.reason());
  }

  private void skipped(Delivery delivery, DeliveryStatus status) {
    ledger.recordStatus(delivery.id(), status, null, delivery.outcomeCode(), clock.instant());
    LOG.info(ErrorCode.SEND_004 + " delivery {} skipped: {}", delivery.id(), delivery.outcomeReason());
  }

  /**
   * The engine's time, for the governor: a hold is a job's due date, and caps count released sends by the same clock.
   * (The ledger keeps its own times on Touchpoint's clock; in production both are the system's.)
   */
  private static Instant governorTime() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static void afterCommit(Runnable action) {
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> action.run());
  }
}
