package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnExceptionHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * The behaviour the plugin gives every channel task: its asynchronous job records the send and the task then
 * waits — no provider is called inside the journey's transaction. The send pipeline calls the provider after
 * commit and signals the task with a {@link Continuation} once the answer is recorded.
 */
public class SendTaskBehavior extends AbstractBpmnActivityBehavior {

  /** The signal name the pipeline continues a channel task with. */
  public static final String ANSWERED = "touchpoint.answered";

  private final ChannelConnector<?> connector;
  private final SendIntake intake;

  public SendTaskBehavior(ChannelConnector<?> connector, SendIntake intake) {
    this.connector = connector;
    this.intake = intake;
  }

  @Override
  public void execute(ActivityExecution execution) throws Exception {
    if (!intake.record((ExecutionEntity) execution, connector)) {
      leave(execution); // not sent (skipped): the journey learns it from the send's "failed" status
    }
  }

  @Override
  public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
    if (!ANSWERED.equals(signalName)) {
      super.signal(execution, signalName, signalData);
      return;
    }
    if (signalData instanceof Continuation.RaiseBpmnError error) {
      BpmnExceptionHandler.propagateBpmnError(new BpmnError(error.errorCode(), error.message()), execution);
    } else {
      leave(execution);
    }
  }
}
