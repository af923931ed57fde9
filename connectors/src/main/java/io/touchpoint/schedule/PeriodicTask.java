package io.touchpoint.schedule;

import io.touchpoint.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a housekeeping task on this node at a fixed delay while the application runs (the status
 * sweeper, the bounce mailbox). A failed run is logged; the next one comes as planned.
 */
public class PeriodicTask implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

  private final String name;
  private final Runnable task;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  public PeriodicTask(String name, Runnable task, Duration interval) {
    this.name = name;
    this.task = task;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "touchpoint-" + name);
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runQuietly() {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn(ErrorCode.SCHEDULE_001 + " {} failed; next run in {}", name, interval, e);
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
