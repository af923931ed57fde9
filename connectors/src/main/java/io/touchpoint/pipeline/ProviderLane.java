package io.touchpoint.pipeline;

import static org.apache.commons.lang3.exception.ExceptionUtils.throwableOfType;

import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.CallDeadline.CallTooLateException;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.ProviderThrottle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sends of one provider on this node: a bounded queue, and at most {@code concurrency} calls in
 * flight. A dispatcher takes what is queued, marks it SENDING in one round trip (the moment after
 * which a crash leaves the outcome unknown), and hands each send to a worker; workers pass what the
 * provider answered to the {@link SendCompletion}. A provider that takes 200 ms per call thus costs
 * threads, not throughput.
 *
 * <p>Each call takes its turn from the provider's {@link ProviderThrottle} before the send is marked: a 429 pause or
 * an exhausted rate limit holds the sends here, QUEUED in the ledger, rather than SENDING. A call whose turn lapsed
 * while its batch was marked takes a new one; one a pause overtook is not made and is retried after the pause.
 */
class ProviderLane {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderLane.class);
  private static final Duration TURN_RETRY = Duration.ofMillis(500);

  private final String provider;
  private final BlockingQueue<PreparedSend> queue;
  private final Semaphore inFlight;
  private final int concurrency;
  private final Duration callDeadline;
  private final CallDeadline lastCheck;
  private final ExecutorService workers;
  private final Thread dispatcher;
  private final DeliveryLedger ledger;
  private final String nodeId;
  private final Consumer<SendResult> completion;
  private final ProviderThrottle throttle;
  /** Taken from the queue but without a turn yet: the next batch starts with it (dispatcher thread only). */
  private PreparedSend waiting;
  /** The sends this lane holds in memory until they are marked SENDING: recovery leaves these to the lane. */
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  /** Counts sends offered and not yet done here: queued, being marked, or in flight. */
  private final PipelineWork work;
  private volatile boolean running = true;

  ProviderLane(String provider, int concurrency, int queueCapacity, Duration callDeadline, CallDeadline lastCheck,
      DeliveryLedger ledger, String nodeId, Consumer<SendResult> completion, ProviderThrottle throttle,
      PipelineWork work) {
    this.provider = provider;
    this.work = work;
    this.concurrency = concurrency;
    this.callDeadline = callDeadline;
    this.lastCheck = lastCheck;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    this.inFlight = new Semaphore(concurrency);
    this.ledger = ledger;
    this.nodeId = nodeId;
    this.completion = completion;
    this.throttle = throttle;
    AtomicInteger workerNumber = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
      Thread thread = new Thread(runnable, "touchpoint-send-" + provider + "-" + workerNumber.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.dispatcher = new Thread(this::dispatch, "touchpoint-dispatch-" + provider);
    this.dispatcher.setDaemon(true);
    this.dispatcher.start();
  }

  /**
   * Queues a send, waiting up to {@code wait} for room.
   *
   * @return false when the queue stayed full: the send stays QUEUED in the ledger and is picked up again
   */
  boolean offer(PreparedSend send, Duration wait) {
    String id = send.delivery().id();
    if (!held.add(id)) {
      return true; // offered twice (by its job and by recovery): it is queued already
    }
    work.taken(1);
    boolean queued = false;
    try {
      queued = running && queue.offer(send, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!queued) {
      held.remove(id);
      work.done(1);
    }
    return queued;
  }

  int queued() {
    return queue.size();
  }

  boolean holds(String deliveryId) {
    return held.contains(deliveryId);
  }

  boolean hasRoom() {
    return running && queue.remainingCapacity() > 0;
  }

  private void dispatch() {
    while (running) {
      try {
        PreparedSend first = waiting != null ? waiting : queue.poll(200, TimeUnit.MILLISECONDS);
        waiting = null;
        if (first == null) {
          continue;
        }
        ProviderThrottle.Turn turn = turnOf(first);
        inFlight.acquire();
        List<Call> batch = new ArrayList<>(List.of(new Call(first, turn)));
        while (batch.size() < concurrency && inFlight.tryAcquire()) {
          PreparedSend next = queue.poll();
          ProviderThrottle.Turn nextTurn = next == null ? null : throttle.tryTurn();
          if (nextTurn == null) {
            waiting = next;
            inFlight.release();
            break;
          }
          batch.add(new Call(next, nextTurn));
        }
        start(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn(ErrorCode.PIPELINE_001 + " dispatching {} sends failed; they stay queued in the ledger", provider, e);
      }
    }
  }

  /** Waits for the first send's turn; when the budget cannot be read, the send waits for the next attempt. */
  private ProviderThrottle.Turn turnOf(PreparedSend first) throws InterruptedException {
    try {
      return throttle.awaitTurn();
    } catch (RuntimeException unreadable) {
      waiting = first;
      Thread.sleep(TURN_RETRY.toMillis());
      throw unreadable;
    }
  }

  /** A send with its turn to call. */
  private record Call(PreparedSend send, ProviderThrottle.Turn turn) {
  }

  private void start(List<Call> batch) {
    List<String> ids = batch.stream().map(call -> call.send().delivery().id()).toList();
    long markedAt = System.nanoTime();
    List<String> mine;
    try {
      mine = ledger.markSending(ids, nodeId);
    } catch (RuntimeException e) {
      batch.forEach(call -> done());
      throw e;
    } finally {
      // marked, or left QUEUED in the ledger alone for recovery to hand back
      ids.forEach(held::remove);
    }
    Map<String, Call> byId = batch.stream()
        .collect(Collectors.toMap(call -> call.send().delivery().id(), call -> call));
    for (Call call : batch) {
      if (!mine.contains(call.send().delivery().id())) {
        done(); // taken over by another node, or already answered
      }
    }
    for (String id : mine) {
      Call call = byId.get(id);
      workers.execute(() -> call(call, markedAt));
    }
  }

  private void call(Call call, long markedAt) {
    PreparedSend send = call.send();
    try {
      Duration paused;
      try {
        paused = throttle.pauseRemaining();
        if (paused.isZero() && !throttle.stillAllows(call.turn())) {
          throttle.awaitTurn();
        }
      } catch (RuntimeException unreadable) {
        completion.accept(new SendResult.Failed(send, new CallNotMadeException(ErrorCode.PIPELINE_010 + " " + provider
            + " was not called: its pause or rate limit could not be read", unreadable)));
        return;
      }
      if (!paused.isZero()) {
        completion.accept(new SendResult.Failed(send, new ProviderThrottledException(provider, paused)));
        return;
      }
      long deadline = markedAt + callDeadline.toNanos();
      if (System.nanoTime() - deadline > 0) {
        tooLate(send, markedAt);
        return;
      }
      completion.accept(new SendResult.Answered(send, lastCheck.callBy(deadline, send::call)));
    } catch (RuntimeException failure) {
      if (throwableOfType(failure, CallTooLateException.class) != null) {
        // held up after the check above, before the request was written: nothing went out
        tooLate(send, markedAt);
        return;
      }
      ProviderThrottledException throttled = throwableOfType(failure, ProviderThrottledException.class);
      // a 429 pauses every node, and this send is retried when the pause ends
      completion.accept(new SendResult.Failed(send, throttled == null ? failure : pauseAll(throttled)));
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      completion.accept(new SendResult.Failed(send, new CallNotMadeException(
          ErrorCode.PIPELINE_007 + " the node stopped before calling " + provider, stopping)));
    } finally {
      done();
    }
  }

  /**
   * This node was held up between marking the send and calling (its VM froze, its database was out of reach, a
   * throttle read hung): long enough that it may have been presumed dead, and the send taken over, looked up at the
   * provider, not found and made by another node. So the call is not made here; a send still this node's goes back
   * to QUEUED and is made later, one taken over is the other node's.
   */
  private void tooLate(PreparedSend send, long markedAt) {
    Duration sinceMarked = Duration.ofNanos(System.nanoTime() - markedAt);
    String id = send.delivery().id();
    boolean stillMine = ledger.sendAgain(id, nodeId);
    LOG.warn(ErrorCode.PIPELINE_009 + " {} call for delivery {} not made: held up {} ms after it was marked"
        + " (at most {} ms); {}", provider, id, sinceMarked.toMillis(), callDeadline.toMillis(),
        stillMine ? "queued again" : "another node took it over");
    if (stillMine) {
      offer(send, Duration.ZERO);
    }
  }

  private ProviderThrottledException pauseAll(ProviderThrottledException throttled) {
    try {
      return new ProviderThrottledException(provider, throttle.throttled(throttled.retryAfter()), throttled);
    } catch (RuntimeException notShared) {
      LOG.warn(ErrorCode.PIPELINE_008 + " {} answered 429 but the pause could not be shared", provider, notShared);
      return throttled;
    }
  }

  private void done() {
    inFlight.release();
    work.done(1);
  }

  /** @return whether every call it had begun ended within the grace */
  boolean stop(Duration grace) {
    running = false;
    dispatcher.interrupt();
    workers.shutdown();
    try {
      if (workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    return false;
  }
}
