package io.touchpoint.correlation;

import io.touchpoint.correlation.StatusWaits.Wait;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What becomes of a wait whose correlation failed (the journey fails right after the catch event,
 * say): it is tried again after a delay that doubles with every failed attempt, and after the last
 * attempt it is given up on — a dead letter an operator can see, retry or discard.
 */
public class StatusWaitRetries {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWaitRetries.class);
  private static final int ERROR_LENGTH = 1000;

  private final StatusWaits waits;
  private final StatusDeadLetters deadLetters;
  private final int maxAttempts;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public StatusWaitRetries(StatusWaits waits, StatusDeadLetters deadLetters, int maxAttempts, Duration retryDelay,
      Duration maxRetryDelay, PlatformTransactionManager transactionManager, Clock clock) {
    this.waits = waits;
    this.deadLetters = deadLetters;
    this.maxAttempts = maxAttempts;
    this.retryDelay = retryDelay;
    this.maxRetryDelay = maxRetryDelay;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Records a failed attempt to correlate a status to the catch event waiting for it. */
  public void failed(String deliveryId, DeliveryStatus status, RuntimeException error) {
    String message = error(error);
    ownTransaction.executeWithoutResult(tx -> waits.lock(deliveryId, status).map(Wait::failedOnceMore)
        .ifPresent(wait -> {
          if (wait.attempts() < maxAttempts) {
            waits.recordFailure(wait, message, clock.instant().plus(delayAfter(wait.attempts())));
            return;
          }
          deadLetters.add(wait, message);
          LOG.error(ErrorCode.CORRELATE_006 + " {} of delivery {} (journey instance {}) could not be correlated in {} "
              + "attempts; given up on, see /api/dead-letters: {}", status.wireName(), deliveryId,
              wait.processInstanceId(), wait.attempts(), message);
        }));
  }

  /** The delay after the given number of failed attempts: doubled each time, up to the maximum. */
  Duration delayAfter(int attempts) {
    Duration delay = retryDelay;
    for (int i = 1; i < attempts && delay.compareTo(maxRetryDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
  }

  private static String error(RuntimeException error) {
    String message = error.getClass().getSimpleName() + ": " + error.getMessage();
    return message.length() <= ERROR_LENGTH ? message : message.substring(0, ERROR_LENGTH);
  }
}
