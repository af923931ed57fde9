package io.touchpoint.engine;

import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.error.NotRetryable;
import java.util.Date;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Lets the engine's retry cycle handle a failed Touchpoint task as usual, with two refinements:
 * when the provider answered 429 with Retry-After, the next attempt is not scheduled before that
 * time; a failure marked {@link NotRetryable} spends the retries at once, so it becomes an
 * incident now rather than after the cycle.
 */
public class TouchpointFailedJobCommandFactory implements FailedJobCommandFactory {

  /** How long a job waits after a 429 that named no time (the send pipeline backs off on its own). */
  private static final java.time.Duration UNSAID_RETRY_AFTER = java.time.Duration.ofSeconds(1);

  private final FailedJobCommandFactory delegate;

  public TouchpointFailedJobCommandFactory(FailedJobCommandFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    Command<Object> retry = delegate.getCommand(jobId, exception);
    ProviderThrottledException throttled = find(exception, ProviderThrottledException.class);
    boolean hopeless = find(exception, NotRetryable.class) != null;
    if (throttled == null && !hopeless) {
      return retry;
    }
    return commandContext -> {
      Object result = retry.execute(commandContext);
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      if (job == null || job.getRetries() <= 0) {
        return result;
      }
      if (hopeless) {
        job.setRetries(0);
      } else {
        Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + throttled.retryAfter().orElse(UNSAID_RETRY_AFTER).toMillis());
        if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
          job.setDuedate(earliest);
        }
      }
      return result;
    };
  }

  private static <T> T find(Throwable exception, Class<T> type) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
