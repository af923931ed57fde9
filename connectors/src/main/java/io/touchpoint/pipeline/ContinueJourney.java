package io.touchpoint.pipeline;

import io.touchpoint.channel.Continuation;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Signals the execution waiting in a channel task that its send was answered. Does nothing when the
 * execution has gone or moved on meanwhile (the journey was cancelled, or an operator moved it). The task run is
 * known by its activity instance, which a migration to another version keeps even when the task's id changed.
 */
record ContinueJourney(String executionId, String sendKey, Continuation continuation) implements Command<Boolean> {

  @Override
  public Boolean execute(CommandContext commandContext) {
    ExecutionEntity execution = commandContext.getExecutionManager().findExecutionById(executionId);
    if (execution == null || !sendKey.equals(SendStep.idempotencyKey(execution.getActivityInstanceId()))) {
      return false;
    }
    execution.setVariables(continuation.variables());
    execution.signal(SendTaskBehavior.ANSWERED, continuation);
    return true;
  }
}
