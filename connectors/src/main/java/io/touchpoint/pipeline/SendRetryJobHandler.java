package io.touchpoint.pipeline;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The job that gives a send another attempt: scheduled by the pipeline after a passing failure, with
 * the task's retry interval (or the provider's Retry-After) as due date, and with no retries left once
 * the task's retries are spent — then it is a Cockpit incident, and an operator's "Retry" sends again.
 */
public class SendRetryJobHandler implements JobHandler<SendRetryJobHandler.DeliveryReference> {

  public static final String TYPE = "touchpoint-send";

  /** The send the job is about. */
  public record DeliveryReference(String deliveryId) implements JobHandlerConfiguration {

    @Override
    public String toCanonicalString() {
      return deliveryId;
    }
  }

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

  @Override
  public DeliveryReference newConfiguration(String canonicalString) {
    return new DeliveryReference(canonicalString);
  }

  @Override
  public void onDelete(DeliveryReference configuration, JobEntity jobEntity) {
    // nothing of its own to clean up: the send's record stays in the ledger
  }
}
