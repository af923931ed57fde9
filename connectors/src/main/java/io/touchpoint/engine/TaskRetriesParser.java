package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.RetryPlan;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.DefaultFailedJobParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.FailedJobRetryConfiguration;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The "Retries" field of every Touchpoint task template (channel tasks, webhooks): a retry cycle such as
 * {@code R3/PT5M}, which becomes the task's failed-job retries and the send pipeline's retry plan.
 */
final class TaskRetriesParser {

  private static final Pattern RETRY_CYCLE = Pattern.compile(TouchpointElements.RETRY_CYCLE_FORMAT);

  void parse(Element element, ActivityImpl activity) {
    String retryCycle = property(activity, TouchpointElements.RETRY_CYCLE);
    if (retryCycle == null) {
      return;
    }
    if (!RETRY_CYCLE.matcher(retryCycle).matches()) {
      throw new BpmnParseException(ErrorCode.DEPLOY_002 + " Task '" + activity.getId()
          + "' has retries '" + retryCycle + "'; expected e.g. R3/PT5M (3 retries, 5 minutes apart)", element);
    }
    activity.getProperties().set(DefaultFailedJobParseListener.FAILED_JOB_CONFIGURATION,
        new FailedJobRetryConfiguration(
            Context.getProcessEngineConfiguration().getExpressionManager().createExpression(retryCycle)));
    activity.setProperty(RetryPlan.PROPERTY, RetryPlan.parse(retryCycle));
  }
}
