package io.touchpoint.pipeline;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The job that gives a send another attempt: scheduled by the pipeline after a passing failure, with
 * the task's retry interval (or the provider's Retry-After) as due date, and with no retries left once
 * the task's retries are spent — then it is a Cockpit incident, and an operator's "Retry" sends again.
 */
public class SendRetryJobHandler extends SendJobHandler {

  public static final String TYPE = "touchpoint-send";

  private final SendPipeline pipeline;

  public SendRetryJobHandler(SendPipeline pipeline) {
    this.pipeline = pipeline;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(DeliveryReference configuration, ExecutionEntity execution, CommandContext commandContext,
      String tenantId) {
    pipeline.retry(configuration.deliveryId(), execution);
  }
}
