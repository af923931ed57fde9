package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.Delivery;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/**
 * Where a send happens: one run of one channel task in one journey. The activity instance makes the
 * idempotency key, so a send is recorded once however often the journey's transaction is retried.
 */
public record SendStep(String idempotencyKey, String journeyKey, String processInstanceId, String executionId,
    String activityId, String contactId) {

  static SendStep of(ExecutionEntity execution) {
    return new SendStep(idempotencyKey(execution.getActivityInstanceId()),
        execution.getProcessDefinition().getKey(), execution.getProcessInstanceId(), execution.getId(),
        execution.getActivityId(), execution.getProcessBusinessKey());
  }

  /** The key of the send made by one run (activity instance) of a channel task. */
  static String idempotencyKey(String activityInstanceId) {
    return "activity-instance:" + activityInstanceId;
  }

  Delivery delivery(String id, ChannelConnector<?> connector, String recipient, Outcome outcome, String reason) {
    return new Delivery(id, idempotencyKey, journeyKey, processInstanceId, executionId, activityId, contactId,
        connector.channel(), recipient, connector.provider(), null, outcome, null, reason, null);
  }
}
