package io.touchpoint.channel.webhook;

import io.touchpoint.delivery.Delivery;

/** Where the outcome of every webhook call (each attempt) is kept, for analytics. */
@FunctionalInterface
public interface WebhookCalls {

  /**
   * @param httpStatus the answer's status, 0 when there was none
   * @param errorCode  {@link WebhookConnector}'s error code, null for a success
   */
  void record(Delivery call, int httpStatus, String errorCode);
}
