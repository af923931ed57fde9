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
 * task. The failure's {@link Timing} says whether the attempt spends a retry and when the next one is due.
 *
 * @param attempts attempts made so far
 * @param timing   whether a retry is spent, and when the job is due
 * @param hopeless the failure is one no retry mends: an incident at once
 * @param failure  what went wrong, shown with the job and its incident (never a secret)
 */
record ScheduleSendRetry(String executionId, String deliveryId, int attempts, Timing timing, boolean hopeless,
    String failure) implements Command<Boolean> {

  /**
   * @param spendsRetry whether the attempt counts against the task's retries: not when the provider asked us to wait
   *                    (Retry-After) or the call was never made
   * @param after       how long until the job is due; null for the task's retry interval
   */
  record Timing(boolean spendsRetry, Duration after) {

    /** A passing failure: one retry spent, the next attempt after the task's interval. */
    static final Timing TASK_INTERVAL = new Timing(true, null);
  }

  @Override
  public Boolean execute(CommandContext commandContext) {
    ExecutionEntity execution = commandContext.getExecutionManager().findExecutionById(executionId);
    if (execution == null) {
      return false;
    }
    RetryPlan plan = execution.getActivity().getProperty(RetryPlan.PROPERTY) instanceof RetryPlan own ? own
        : RetryPlan.DEFAULT;
    int retriesLeft = hopeless ? 0 : plan.retriesLeft(attempts);
    if (!timing.spendsRetry()) {
      retriesLeft = Math.max(1, retriesLeft);
    }
    // an incident's job is due at once: an operator's "Retry" sends again right away
    Duration after = timing.after() != null ? timing.after() : retriesLeft == 0 ? Duration.ZERO : plan.interval();
    MessageEntity job = SendJobs.schedule(commandContext, execution, SendRetryJobHandler.TYPE, deliveryId,
        new Date(ClockUtil.getCurrentTime().getTime() + after.toMillis()), Math.max(1, retriesLeft), failure);
    if (retriesLeft == 0) {
      job.setRetries(0);
    }
    return true;
  }
}
