package io.touchpoint.channel.webhook;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Where the outcome of every webhook call (each attempt) is kept, for analytics. */
@FunctionalInterface
public interface WebhookCalls {

  /**
   * @param httpStatus the answer's status, 0 when there was none
   * @param errorCode  {@link WebhookTask}'s error code, null for a success
   */
  void record(DelegateExecution execution, int httpStatus, String errorCode);
}
