package io.touchpoint.correlation;

import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Correlates a recorded status to the catch events waiting for it. Safe to call any number of
 * times, on any node: a subscription is consumed once, so a repeated call finds nothing. Calls for
 * one delivery are serialised on its ledger row, so two reports of one message never race inside
 * the engine; conflicts with other work on the same journey are retried. A reply brings its text
 * and button payload along as process variables ({@link StatusVariables}). A failed correlation stays
 * owed: {@link StatusWaitRetries} decides when it is tried again, or given up on.
 */
public class StatusCorrelator {

  private static final Logger LOG = LoggerFactory.getLogger(StatusCorrelator.class);
  private static final int ATTEMPTS = 6;

  /** What a correlation did. */
  public enum Result {
    /** A waiting catch event took the status. */
    CORRELATED,
    /** No catch event waits for it (any more): nothing to do. */
    NOT_WAITING,
    /** The engine refused (the journey fails right after the catch, say): still owed. */
    FAILED
  }

  private final Supplier<RuntimeService> runtimeService;
  private final StatusWaits waits;
  private final DeliveryLedger ledger;
  private final StatusVariables statusVariables;
  private final StatusWaitRetries retries;
  private final TransactionTemplate ownTransaction;

  public StatusCorrelator(Supplier<RuntimeService> runtimeService, StatusWaits waits, DeliveryLedger ledger,
      StatusVariables statusVariables, StatusWaitRetries retries, PlatformTransactionManager transactionManager) {
    this.runtimeService = runtimeService;
    this.waits = waits;
    this.ledger = ledger;
    this.statusVariables = statusVariables;
    this.retries = retries;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public Result correlate(String deliveryId, DeliveryStatus status) {
    String message = StatusMessages.messageName(deliveryId, status);
    for (int attempt = 1; ; attempt++) {
      try {
        return ownTransaction.execute(tx -> {
          Optional<String> journey = ledger.lock(deliveryId);
          if (journey.isPresent()) {
            return correlateHeld(deliveryId, journey.get(), status);
          }
          waits.remove(deliveryId, status);
          return Result.NOT_WAITING;
        });
      } catch (OptimisticLockingException concurrentChange) {
        // another status or a timer moved the same journey at the same moment: try again, the
        // engine then sees whether our catch event still waits
        if (attempt == ATTEMPTS) {
          LOG.warn(ErrorCode.CORRELATE_001 + " {} still conflicting after {} attempts; the sweeper retries it",
              message, ATTEMPTS);
          retries.failed(deliveryId, status, concurrentChange);
          return Result.FAILED;
        }
        pause(attempt);
      } catch (RuntimeException failed) {
        // e.g. the journey failed right after the catch event (an expression, a delegate's own
        // exception): the wait stays recorded for the sweeper
        LOG.warn(ErrorCode.CORRELATE_004 + " {} could not be correlated; the sweeper retries it", message, failed);
        retries.failed(deliveryId, status, failed);
        return Result.FAILED;
      }
    }
  }

  /**
   * Correlates in the caller's transaction, which holds the delivery's row ({@link DeliveryLedger#lock}), without
   * retrying: a failure is the caller's, whose transaction then keeps nothing.
   */
  public Result correlateHeld(String deliveryId, String processInstanceId, DeliveryStatus status) {
    // scoped to the delivery's journey: the engine then looks at that instance only
    boolean taken = !runtimeService.get().createMessageCorrelation(StatusMessages.messageName(deliveryId, status))
        .processInstanceId(processInstanceId)
        .setVariables(statusVariables.of(deliveryId, status))
        .correlateAllWithResult().isEmpty();
    waits.remove(deliveryId, status);
    return taken ? Result.CORRELATED : Result.NOT_WAITING;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
