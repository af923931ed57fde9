package io.touchpoint.pipeline;

import io.touchpoint.governor.HeldSends;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * The job of a send the governor holds, due when the hold ends (the end of the quiet hours, the moment a cap
 * allows another send; for a pause, a while later, or at once when it is lifted). It asks the governor again.
 * A cancelled journey deletes the job; its send stays HELD in the ledger and is never made.
 */
public class HeldSendJobHandler extends SendJobHandler {

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
}
