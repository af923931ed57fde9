package io.touchpoint.pipeline;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Schedules the {@link SendRetryJobHandler} job of a send at the execution waiting in its channel task, per the
 * task's {@link RetryPlan}. With no retries left the job is created failed: the engine raises its incident at the
 * task. A provider's throttling (Retry-After), or a call that was never made, defers the job without spending a retry.
 *
 * @param attempts      attempts made so far
 * @param deferredFor   how long to wait before sending again without spending a retry (the provider asked us to
 *                      wait, or the call was not made), or null
 * @param waitedAlready the attempt's wait has passed already (a lost call looked up again a minute later): the retry
 *                      is due at once
 * @param hopeless      the failure is one no retry mends: an incident at once
 * @param failure       what went wrong, shown with the job and its incident (never a secret)
 */
record ScheduleSendRetry(String executionId, String deliveryId, int attempts, Duration deferredFor,
    boolean waitedAlready, boolean hopeless, String failure) implements Command<Boolean> {

  @Override
  public Boolean execute(CommandContext commandContext) {
    ExecutionEntity execution = commandContext.getExecutionManager().findExecutionById(executionId);
    if (execution == null) {
      return false;
    }
    RetryPlan plan = execution.getActivity().getProperty(RetryPlan.PROPERTY) instanceof RetryPlan own ? own
        : RetryPlan.DEFAULT;
    int retriesLeft = hopeless ? 0 : plan.retriesLeft(attempts);
    if (deferredFor != null) {
      retriesLeft = Math.max(1, retriesLeft);
    }
    // an incident's job is due at once: an operator's "Retry" sends again right away
    Duration after = deferredFor != null ? deferredFor
        : retriesLeft == 0 || waitedAlready ? Duration.ZERO : plan.interval();
    MessageEntity job = SendJobs.schedule(commandContext, execution, SendRetryJobHandler.TYPE, deliveryId,
        new Date(ClockUtil.getCurrentTime().getTime() + after.toMillis()), Math.max(1, retriesLeft), failure);
    if (retriesLeft == 0) {
      job.setRetries(0);
    }
    return true;
  }
}
