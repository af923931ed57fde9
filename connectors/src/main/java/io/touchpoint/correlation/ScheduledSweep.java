package io.touchpoint.correlation;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link StatusWaitSweeper} on this node while the application runs. */
public class ScheduledSweep implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledSweep.class);

  private final StatusWaitSweeper sweeper;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  public ScheduledSweep(StatusWaitSweeper sweeper, Duration interval) {
    this.sweeper = sweeper;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "touchpoint-status-sweep");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void sweepQuietly() {
    try {
      sweeper.sweep();
    } catch (RuntimeException e) {
      LOG.warn("TOUCHPOINT-CORRELATE-003 status sweep failed; next run in {}", interval, e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
