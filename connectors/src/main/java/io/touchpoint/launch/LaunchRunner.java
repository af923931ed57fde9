package io.touchpoint.launch;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.launch.LaunchStore.ChunkCounts;
import io.touchpoint.launch.LaunchStore.ClaimedChunk;
import io.touchpoint.store.DatabaseLostAtStop;
import io.touchpoint.trigger.EventResult;
import io.touchpoint.trigger.EventService.Acceptance;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * Applies stored launches on this node: a few workers each claim a chunk, apply its events in slices (each slice in
 * one transaction, event by event when that fails), and record what they did. Every node runs workers, so a launch
 * spreads over the cluster; a stored launch is never lost, since chunks wait in the database until one is done.
 * A stopping node finishes the slice in hand and hands its chunks back, so that a live node takes them over at
 * once instead of when this node counts as dead.
 */
public class LaunchRunner implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(LaunchRunner.class);
  private static final int ATTEMPTS = 3;
  /**
   * The most events applied in one transaction: a campaign's events then share their look-ups, flush and commit, and
   * the job executor picks up their first steps together; few enough that a slice commits in well under a second.
   * A slice holds each contact once (see {@link EventService#acceptAll}).
   */
  private static final int SLICE = 20;

  /** How long {@link #stop()} waits for the workers: one slice each, far less unless the database hangs. */
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
        if (!running) {
          return; // stopping: interrupted in a claim, or the database closed first; the chunk is claimed again
        }
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
    Tally tally = new Tally(chunk.launchId());
    for (List<JourneyEvent> slice : slices(chunk.events())) {
      if (!running) {
        return Optional.empty();
      }
      List<Acceptance> acceptances = accept(slice, chunk.launchId());
      for (int i = 0; i < slice.size(); i++) {
        tally.add(slice.get(i), acceptances.get(i));
      }
      store.recordProgress(chunk, tally.counts(), nodeId.get());
    }
    return Optional.of(tally.counts());
  }

  /** The events in order, cut before the {@value #SLICE}th and before a contact the slice has already. */
  private static List<List<JourneyEvent>> slices(List<JourneyEvent> events) {
    List<List<JourneyEvent>> slices = new ArrayList<>();
    List<JourneyEvent> slice = new ArrayList<>();
    Set<String> contacts = new HashSet<>();
    for (JourneyEvent event : events) {
      if (slice.size() == SLICE || !contacts.add(event.contact().id())) {
        slices.add(slice);
        slice = new ArrayList<>();
        contacts.clear();
        contacts.add(event.contact().id());
      }
      slice.add(event);
    }
    if (!slice.isEmpty()) {
      slices.add(slice);
    }
    return slices;
  }

  /** @return what each event did; null for one that could not be applied */
  private List<Acceptance> accept(List<JourneyEvent> slice, String launchId) {
    try {
      return events.acceptAll(slice, launchId);
    } catch (RuntimeException failed) {
      LOG.debug(ErrorCode.LAUNCH_005 + " a slice of launch {} failed whole; applying its events one by one", launchId,
          failed);
      List<Acceptance> acceptances = new ArrayList<>();
      slice.forEach(event -> acceptances.add(accept(event, launchId)));
      return acceptances;
    }
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

  /**
   * The node is stopping with its database out of reach and its pool closed: a worker waiting for a connection would
   * wait out the pool's timeout, and none could record anything, so they stop now. Their chunks are taken over once
   * this node counts as dead, as after a crash.
   */
  @EventListener(DatabaseLostAtStop.class)
  public synchronized void databaseLost() {
    running = false;
    workers.forEach(Thread::interrupt);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** What a chunk's events did, counted as they are applied. */
  private static final class Tally {

    private final String launchId;
    private int started;
    private int resumed;
    private int skipped;
    private int failed;
    private final Map<String, Integer> reasons = new TreeMap<>();

    Tally(String launchId) {
      this.launchId = launchId;
    }

    void add(JourneyEvent event, Acceptance acceptance) {
      if (acceptance == null) {
        failed++;
        return;
      }
      EventResult result = acceptance.result();
      if (acceptance.repeat() && !launchId.equals(acceptance.launchId())) {
        skip("event id already accepted");
      } else if (!result.started().isEmpty()) {
        started++;
      } else if (!result.resumed().isEmpty()) {
        resumed++;
      } else {
        skip(result.skipped().isEmpty() ? "no journey starts on " + event.name() : result.skipped().get(0).reason());
      }
    }

    private void skip(String reason) {
      skipped++;
      reasons.merge(reason, 1, Integer::sum);
    }

    ChunkCounts counts() {
      return new ChunkCounts(started, resumed, skipped, failed, reasons);
    }
  }
}
