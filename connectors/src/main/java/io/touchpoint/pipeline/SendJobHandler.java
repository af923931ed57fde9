package io.touchpoint.pipeline;

import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/** A job about one send at its waiting channel task ({@link SendJobs}); its configuration is the delivery's id. */
abstract class SendJobHandler implements JobHandler<SendJobHandler.DeliveryReference> {

  /** The send the job is about. */
  public record DeliveryReference(String deliveryId) implements JobHandlerConfiguration {

    @Override
    public String toCanonicalString() {
      return deliveryId;
    }
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
