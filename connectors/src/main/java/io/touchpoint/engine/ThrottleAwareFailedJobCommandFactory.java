package io.touchpoint.engine;

import io.touchpoint.delivery.ProviderThrottledException;
import java.util.Date;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Lets the engine's retry cycle handle a failed channel task as usual, but when the provider
 * answered 429 with Retry-After, the next attempt is not scheduled before that time.
 */
public class ThrottleAwareFailedJobCommandFactory implements FailedJobCommandFactory {

  private final FailedJobCommandFactory delegate;

  public ThrottleAwareFailedJobCommandFactory(FailedJobCommandFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public Command<Object> getCommand(String jobId, Throwable exception) {
    Command<Object> retry = delegate.getCommand(jobId, exception);
    ProviderThrottledException throttled = findThrottle(exception);
    if (throttled == null) {
      return retry;
    }
    return commandContext -> {
      Object result = retry.execute(commandContext);
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      if (job != null && job.getRetries() > 0) {
        Date earliest = new Date(ClockUtil.getCurrentTime().getTime() + throttled.retryAfter().toMillis());
        if (job.getDuedate() == null || job.getDuedate().before(earliest)) {
          job.setDuedate(earliest);
        }
      }
      return result;
    };
  }

  private static ProviderThrottledException findThrottle(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof ProviderThrottledException throttled) {
        return throttled;
      }
    }
    return null;
  }
}
