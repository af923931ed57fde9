package io.touchpoint.delivery;

import java.util.UUID;

/**
 * One send of one channel task in one journey instance. Its id is minted before the provider is
 * called and recorded with the outcome; the idempotency key (the job that ran the task) lets a
 * retried job find the recorded send instead of sending again. A send to several addresses at
 * once (a contact's devices) is recorded per address as a part with {@code parentId}; the journey
 * waits on the parent, which reaches a status when any part does.
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
    String parentId) {

  /** What became of the attempt to hand the message to the provider. */
  public enum Outcome {
    /** About to be handed to the provider; only ever in memory, never recorded. */
    PENDING,
    /** The provider accepted the message and gave it an id. */
    ACCEPTED,
    /** Not sent on purpose: opted out, no usable recipient. */
    SKIPPED,
    /** The provider refused the message for good (invalid number, blocked...). */
    REJECTED
  }

  public Delivery accepted(String providerMessageId) {
    return withOutcome(providerMessageId, Outcome.ACCEPTED, null);
  }

  public Delivery skipped(String reason) {
    return withOutcome(null, Outcome.SKIPPED, reason);
  }

  public Delivery rejected(String reason) {
    return withOutcome(null, Outcome.REJECTED, reason);
  }

  /** A part of this send going to one of its addresses, with an id of its own. */
  public Delivery part(String partRecipient, int index) {
    return new Delivery(UUID.randomUUID().toString(), idempotencyKey + "#" + index, journeyKey,
        processInstanceId, activityId, contactId, channel, partRecipient, provider, null, Outcome.PENDING, null, id);
  }

  private Delivery withOutcome(String providerMessageId, Outcome outcome, String reason) {
    return new Delivery(id, idempotencyKey, journeyKey, processInstanceId, activityId, contactId, channel,
        recipient, provider, providerMessageId, outcome, reason, parentId);
  }
}
