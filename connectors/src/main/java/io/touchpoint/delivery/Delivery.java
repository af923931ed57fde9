package io.touchpoint.delivery;

import java.time.Instant;

/**
 * One send of one channel task in one journey instance, as the ledger holds it. The id is minted
 * before the provider is called, so a retried job finds the same row instead of sending again.
 */
public record Delivery(
    String id,
    String idempotencyKey,
    String journeyKey,
    String processInstanceId,
    String activityId,
    String contactId,
    Channel channel,
    String recipient,
    String provider,
    String providerMessageId,
    Outcome outcome,
    String outcomeReason,
    Instant createdAt) {

  /** What became of the attempt to hand the message to the provider. */
  public enum Outcome {
    /** Row written, provider not (yet) known to have the message. */
    PENDING,
    /** The provider accepted the message and gave it an id. */
    ACCEPTED,
    /** Not sent on purpose: opted out, no usable recipient. */
    SKIPPED,
    /** The provider refused the message for good (invalid number, blocked...). */
    REJECTED;

    public boolean isFinal() {
      return this != PENDING;
    }
  }
}
