package io.touchpoint.launch;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.launch.LaunchStore.ChunkCounts;
import io.touchpoint.launch.LaunchStore.ClaimedChunk;
import io.touchpoint.trigger.EventResult;
import io.touchpoint.trigger.EventService.Acceptance;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies stored launches on this node: a few workers each claim a chunk, apply its events one by one (each in its
 * own transaction, as a single event would be), and record what they did. Every node runs workers, so a launch
 * spreads over the cluster; a stored launch is never lost, since chunks wait in the database until one is done.
 * A stopping node finishes the event in hand and hands its chunks back, so that a live node takes them over at
 * once instead of when this node counts as dead.
 */
public class LaunchRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(LaunchRunner.class);
  private static final int ATTEMPTS = 3;

  /** How long {@link #stop()} waits for the workers: one event each, far less unless the database hangs. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  /** @param workers chunks applied at once on this node; {@code idle} the pause when nothing is to be done */
  public record Settings(int workers, Duration idle, Duration deadAfter) {
  }

  private final Settings settings;
  private final LaunchStore store;
  private final EventService events;
  private final Supplier<String> nodeId;
  private final Semaphore wakeUp = new Semaphore(0);
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running;

  public LaunchRunner(Settings settings, LaunchStore store, EventService events, Supplier<String> nodeId) {
    this.settings = settings;
    this.store = store;
    this.events = events;
    this.nodeId = nodeId;
  }

  /** A launch was stored on this node: start on it now rather than at the next poll. */
  void nudge() {
    wakeUp.release(settings.workers());
  }

  private void work() {
    while (running) {
      try {
        Optional<ClaimedChunk> chunk = store.claim(nodeId.get(), settings.deadAfter());
        if (chunk.isPresent()) {
          finishOrHandBack(chunk.get());
        } else {
          wakeUp.tryAcquire(settings.idle().toMillis(), TimeUnit.MILLISECONDS);
          wakeUp.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn(ErrorCode.LAUNCH_002 + " a launch chunk could not be applied; it is claimed again", e);
        pause();
      }
    }
  }

  private void finishOrHandBack(ClaimedChunk chunk) {
    Optional<ChunkCounts> counts = apply(chunk);
    if (counts.isPresent()) {
      store.finish(chunk, counts.get());
    } else {
      store.handBack(chunk, nodeId.get());
      LOG.info(ErrorCode.LAUNCH_004 + " stopping: chunk {} of launch {} handed back", chunk.chunk(), chunk.launchId());
    }
  }

  /** @return what the events did, or empty when the node began to stop before the last one */
  private Optional<ChunkCounts> apply(ClaimedChunk chunk) {
    int started = 0;
    int resumed = 0;
    int skipped = 0;
    int failed = 0;
    Map<String, Integer> reasons = new TreeMap<>();
    for (JourneyEvent event : chunk.events()) {
      if (!running) {
        return Optional.empty();
      }
      Acceptance acceptance = accept(event, chunk.launchId());
      if (acceptance == null) {
        failed++;
        continue;
      }
      EventResult result = acceptance.result();
      if (acceptance.repeat() && !chunk.launchId().equals(acceptance.launchId())) {
        skipped++;
        reasons.merge("event id already accepted", 1, Integer::sum);
      } else if (!result.started().isEmpty()) {
        started++;
      } else if (!result.resumed().isEmpty()) {
        resumed++;
      } else {
        skipped++;
        String reason = result.skipped().isEmpty() ? "no journey starts on " + event.name()
            : result.skipped().get(0).reason();
        reasons.merge(reason, 1, Integer::sum);
      }
    }
    return Optional.of(new ChunkCounts(started, resumed, skipped, failed, reasons));
  }

  /** @return null when the event could not be applied after a few attempts */
  private Acceptance accept(JourneyEvent event, String launchId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return events.accept(event, launchId);
      } catch (RuntimeException failed) {
        if (attempt == ATTEMPTS) {
          LOG.warn(ErrorCode.LAUNCH_003 + " event {} of launch {} could not be applied", event.id(), launchId, failed);
          return null;
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(settings.idle().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void start() {
    running = true;
    for (int i = 1; i <= settings.workers(); i++) {
      Thread worker = new Thread(this::work, "touchpoint-launch-" + i);
      worker.setDaemon(true);
      worker.start();
      workers.add(worker);
    }
  }

  /** Lets each worker finish its event and hand its chunk back; interrupts only the ones still busy after a wait. */
  @Override
  public synchronized void stop() {
    running = false;
    wakeUp.release(workers.size());
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    for (Thread worker : workers) {
      try {
        worker.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    workers.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    workers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
