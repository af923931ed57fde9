package io.touchpoint.pipeline;

import io.touchpoint.governor.HeldSends;
import io.touchpoint.pipeline.SendRetryJobHandler.DeliveryReference;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * The job of a send the governor holds, due when the hold ends (the end of the quiet hours, the moment a cap
 * allows another send; for a pause, a while later, or at once when it is lifted). It asks the governor again.
 */
public class HeldSendJobHandler implements JobHandler<DeliveryReference> {

  public static final String TYPE = HeldSends.JOB_TYPE;

  private final SendIntake intake;

  public HeldSendJobHandler(SendIntake intake) {
    this.intake = intake;
  }

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void execute(DeliveryReference configuration, ExecutionEntity execution, CommandContext commandContext,
      String tenantId) {
    intake.holdEnded(configuration.deliveryId(), execution);
  }

  @Override
  public DeliveryReference newConfiguration(String canonicalString) {
    return new DeliveryReference(canonicalString);
  }

  @Override
  public void onDelete(DeliveryReference configuration, JobEntity jobEntity) {
    // the held send's record stays in the ledger, HELD: a cancelled journey never sends it
  }
}
