package io.touchpoint.pipeline;

import static org.apache.commons.lang3.exception.ExceptionUtils.getRootCause;
import static org.apache.commons.lang3.exception.ExceptionUtils.getThrowableList;
import static org.apache.commons.lang3.exception.ExceptionUtils.throwableOfType;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.ProviderAnswerLostException;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what providers answered and continues the waiting journeys, many sends per transaction: one
 * commit for a batch of answers, each send's ledger row and its journey's next steps together. A batch
 * that fails (a journey changed at the same moment) is redone send by send. A failure worth another
 * attempt schedules the send's retry job; with the task's retries spent, that job is an incident. A lost
 * answer schedules nothing: the send stays SENDING until {@link SendRecovery} has asked the provider.
 *
 * <p>At most {@code unrecorded} answers wait here at once: beyond, {@link #accept} waits, and with it the lane's
 * worker and its call slot. Without that bound a provider that answers faster than this node records (its job
 * threads and launch workers compete for the same cores) left thousands of answers in memory during a campaign,
 * each a send that a crash would leave to be looked up with the provider, and a journey that had not moved on.
 */
class SendCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(SendCompletion.class);
  private static final int BATCH = 50;
  private static final int ATTEMPTS = 5;

  private final BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
  /** How many answers wait here per send, by delivery id ({@link #holdsAnswerFor}). */
  private final Map<String, Integer> waitingPerSend = new ConcurrentHashMap<>();
  private final int limit;
  private final Semaphore unrecorded;
  private final PipelineWork work;
  private final DeliveryStatusService statuses;
  private final DeliveryLedger ledger;
  private final TransactionTemplate transaction;
  private final Supplier<CommandExecutor> engine;
  private final String nodeId;
  private final SendMetrics metrics;
  private final List<Thread> committers = new ArrayList<>();
  private volatile boolean running = true;

  SendCompletion(DeliveryStatusService statuses, DeliveryLedger ledger, TransactionTemplate transaction,
      Supplier<CommandExecutor> engine, String nodeId, int threads, int unrecorded, SendMetrics metrics,
      PipelineWork work) {
    this.work = work;
    this.limit = unrecorded;
    this.unrecorded = new Semaphore(unrecorded);
    this.statuses = statuses;
    this.ledger = ledger;
    this.transaction = transaction;
    this.engine = engine;
    this.nodeId = nodeId;
    this.metrics = metrics;
    for (int i = 1; i <= threads; i++) {
      Thread committer = new Thread(this::commitLoop, "touchpoint-send-completion-" + i);
      committer.setDaemon(true);
      committer.start();
      committers.add(committer);
    }
  }

  /** Answers taken and not yet recorded (committed, or given up on). */
  int unrecorded() {
    return limit - unrecorded.availablePermits();
  }

  /**
   * Takes an answer to record, once fewer than the bound wait. A stopping node's worker (interrupted) hands its answer
   * in only if there is room at once; otherwise the send stays SENDING and recovery reconciles it.
   */
  void accept(SendResult result) {
    try {
      unrecorded.acquire();
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      if (!unrecorded.tryAcquire()) {
        LOG.warn(ErrorCode.PIPELINE_003 + " the node stopped before recording the answer for delivery {}; it is"
            + " reconciled later", result.send().delivery().id());
        return;
      }
    }
    work.taken(1);
    waitingPerSend.merge(result.send().delivery().id(), 1, Integer::sum);
    results.add(result);
  }

  /**
   * Whether an answer to the send, or a recovery's verdict on it, waits here to be recorded: until it is, the ledger
   * still shows the send as it was, and a second verdict on it would be recorded on top of the first.
   */
  boolean holdsAnswerFor(String deliveryId) {
    return waitingPerSend.containsKey(deliveryId);
  }

  private void commitLoop() {
    while (running) {
      List<SendResult> batch = new ArrayList<>();
      try {
        SendResult first = results.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        results.drainTo(batch, BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.forEach(result -> waitingPerSend.computeIfPresent(result.send().delivery().id(),
            (id, waiting) -> waiting == 1 ? null : waiting - 1));
        unrecorded.release(batch.size());
        work.done(batch.size());
      }
    }
  }

  private void commit(List<SendResult> batch) {
    if (batch.size() > 1) {
      try {
        transaction.executeWithoutResult(tx -> batch.forEach(this::apply));
        afterCommit(batch);
        return;
      } catch (RuntimeException conflict) {
        LOG.debug(ErrorCode.PIPELINE_002 + " a batch of {} answers conflicted; recording them one by one",
            batch.size());
      }
    }
    batch.forEach(this::commitAlone);
  }

  /** Counts the recorded answers, and applies the status reports that came while they were on their way (one look). */
  private void afterCommit(List<SendResult> recorded) {
    List<Delivery> accepted = new ArrayList<>();
    for (SendResult result : recorded) {
      metrics.sent(result.send().delivery(), result.meteredAs());
      if (result instanceof SendResult.Answered answered
          && answered.outcome() instanceof SendOutcome.Accepted acceptedOutcome) {
        accepted.add(result.send().delivery().accepted(acceptedOutcome.providerMessageId()));
      }
    }
    try {
      statuses.applyReportsCrossingTheAnswers(accepted);
    } catch (RuntimeException e) {
      LOG.warn(ErrorCode.PIPELINE_006 + " reports crossing {} answers wait for the sweeper", accepted.size(), e);
    }
  }

  private void commitAlone(SendResult result) {
    for (int attempt = 1; ; attempt++) {
      try {
        transaction.executeWithoutResult(tx -> apply(result));
        afterCommit(List.of(result));
        return;
      } catch (RuntimeException failed) {
        if (attempt == ATTEMPTS) {
          // the answer stays unrecorded (SENDING): this node's recovery reconciles it with the provider
          LOG.warn(ErrorCode.PIPELINE_003 + " could not record the answer for delivery {}; it is reconciled later",
              result.send().delivery().id(), failed);
          return;
        }
      }
    }
  }

  private void apply(SendResult result) {
    PreparedSend send = result.send();
    Delivery delivery = send.delivery();
    if (result instanceof SendResult.Answered answered) {
      if (statuses.recordAnswer(delivery, answered.outcome(), nodeId)) {
        engine.get().execute(new ContinueJourney(delivery.executionId(), delivery.idempotencyKey(),
            answered.continuation()));
      }
    } else if (result instanceof SendResult.Failed failed) {
      ProviderAnswerLostException lost = throwableOfType(failed.failure(), ProviderAnswerLostException.class);
      if (lost != null) {
        // the provider may have the message: recovery looks it up before any retry
        LOG.warn("{} ({}); delivery {} is looked up at the provider before any retry", lost.getMessage(),
            getRootCause(lost).getClass().getSimpleName(), delivery.id());
        ledger.recordAnswerLost(delivery.id(), lost.getMessage(), nodeId);
      } else {
        scheduleRetry(delivery, failed.failure());
      }
    }
  }

  private void scheduleRetry(Delivery delivery, RuntimeException failure) {
    ScheduleSendRetry.Timing timing = timingOf(failure);
    if (!ledger.recordRetry(delivery.id(), failure.getMessage(), nodeId, timing.spendsRetry())) {
      return;
    }
    String message = ErrorCode.SEND_006 + " " + delivery.provider() + " failed: " + failure.getMessage();
    engine.get().execute(new ScheduleSendRetry(delivery.executionId(), delivery.id(), ledger.attempts(delivery.id()),
        timing, getThrowableList(failure).stream().anyMatch(NotRetryable.class::isInstance), message));
  }

  /**
   * A provider's throttling and a call never made spend no retry and wait as they say; a lost call the provider still
   * did not have a minute later spends one and goes again at once (the minute was its wait); any other failure spends
   * one and waits the task's interval.
   */
  private static ScheduleSendRetry.Timing timingOf(RuntimeException failure) {
    ProviderThrottledException throttled = throwableOfType(failure, ProviderThrottledException.class);
    if (throttled != null) {
      return new ScheduleSendRetry.Timing(false, throttled.retryAfter().orElse(Duration.ZERO));
    }
    if (throwableOfType(failure, CallNotMadeException.class) != null) {
      return new ScheduleSendRetry.Timing(false, CallNotMadeException.RETRY_AFTER);
    }
    if (throwableOfType(failure, LostCallNotMadeException.class) != null) {
      return new ScheduleSendRetry.Timing(true, Duration.ZERO);
    }
    return ScheduleSendRetry.Timing.TASK_INTERVAL;
  }

  /**
   * Lets each recorder finish the batch in hand, at most {@code wait} in all; the database stays open until then, so
   * a batch is committed or rolled back, never cut off. Answers still waiting are left to recovery.
   */
  void stop(Duration wait) {
    running = false;
    long deadline = System.nanoTime() + wait.toNanos();
    for (Thread committer : committers) {
      try {
        committer.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (!results.isEmpty()) {
      LOG.warn(ErrorCode.PIPELINE_003 + " the node stopped with {} answers not recorded; they are reconciled later",
          results.size());
    }
  }
}
