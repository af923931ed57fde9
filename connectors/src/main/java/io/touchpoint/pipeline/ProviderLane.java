package io.touchpoint.pipeline;

import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.error.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
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
 */
class ProviderLane {

  private static final Logger LOG = LoggerFactory.getLogger(ProviderLane.class);

  private final String provider;
  private final BlockingQueue<PreparedSend> queue;
  private final Semaphore inFlight;
  private final int concurrency;
  private final ExecutorService workers;
  private final Thread dispatcher;
  private final DeliveryLedger ledger;
  private final String nodeId;
  private final Consumer<SendResult> completion;
  /** Sends offered and not yet done: queued, being marked, or in flight. */
  private final AtomicInteger pending = new AtomicInteger();
  private volatile boolean running = true;

  ProviderLane(String provider, int concurrency, int queueCapacity, DeliveryLedger ledger, String nodeId,
      Consumer<SendResult> completion) {
    this.provider = provider;
    this.concurrency = concurrency;
    this.queue = new LinkedBlockingQueue<>(queueCapacity);
    this.inFlight = new Semaphore(concurrency);
    this.ledger = ledger;
    this.nodeId = nodeId;
    this.completion = completion;
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
    pending.incrementAndGet();
    boolean queued = false;
    try {
      queued = running && queue.offer(send, wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!queued) {
      pending.decrementAndGet();
    }
    return queued;
  }

  boolean isIdle() {
    return pending.get() == 0;
  }

  int queued() {
    return queue.size();
  }

  private void dispatch() {
    while (running) {
      try {
        PreparedSend first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        inFlight.acquire();
        List<PreparedSend> batch = new ArrayList<>(List.of(first));
        while (batch.size() < concurrency && inFlight.tryAcquire()) {
          PreparedSend next = queue.poll();
          if (next == null) {
            inFlight.release();
            break;
          }
          batch.add(next);
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

  private void start(List<PreparedSend> batch) {
    List<String> mine;
    try {
      mine = ledger.markSending(batch.stream().map(send -> send.delivery().id()).toList(), nodeId);
    } catch (RuntimeException e) {
      batch.forEach(send -> done());
      throw e;
    }
    Map<String, PreparedSend> byId = batch.stream()
        .collect(Collectors.toMap(send -> send.delivery().id(), send -> send));
    for (PreparedSend send : batch) {
      if (!mine.contains(send.delivery().id())) {
        done(); // taken over by another node, or already answered
      }
    }
    for (String id : mine) {
      PreparedSend send = byId.get(id);
      workers.execute(() -> call(send));
    }
  }

  private void call(PreparedSend send) {
    try {
      completion.accept(new SendResult.Answered(send, send.call()));
    } catch (RuntimeException failure) {
      completion.accept(new SendResult.Failed(send, failure));
    } finally {
      done();
    }
  }

  private void done() {
    inFlight.release();
    pending.decrementAndGet();
  }

  void stop(Duration grace) {
    running = false;
    dispatcher.interrupt();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
