package io.touchpoint.pipeline;

import java.util.Date;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;

/**
 * Jobs of a send at the execution waiting in its channel task — a retry, or the end of a governor's hold — created
 * under the task's own job definition and the journey's version: suspending the task's jobs holds them too, and
 * queries by activity or journey (Cockpit, {@code /job?activityId=}, {@code /job?processDefinitionKey=}) find them.
 */
final class SendJobs {

  private SendJobs() {
  }

  static MessageEntity schedule(CommandContext commandContext, ExecutionEntity execution, String handlerType,
      String deliveryId, Date due, int retries, String message) {
    MessageEntity job = new MessageEntity();
    job.setExecution(execution);
    job.setActivityId(execution.getActivityId());
    job.setProcessDefinitionId(execution.getProcessDefinitionId());
    job.setProcessDefinitionKey(execution.getProcessDefinition().getKey());
    commandContext.getJobDefinitionManager().findByProcessDefinitionId(execution.getProcessDefinitionId()).stream()
        .filter(definition -> execution.getActivityId().equals(definition.getActivityId()))
        .findFirst()
        .ifPresent(definition -> {
          job.setJobDefinitionId(definition.getId());
          job.setSuspensionState(definition.getSuspensionState());
        });
    job.setDeploymentId(execution.getProcessDefinition().getDeploymentId());
    job.setJobHandlerType(handlerType);
    job.setJobHandlerConfigurationRaw(deliveryId);
    job.setDuedate(due);
    job.setExceptionMessage(message);
    job.setRetries(retries);
    commandContext.getJobManager().send(job);
    return job;
  }
}
