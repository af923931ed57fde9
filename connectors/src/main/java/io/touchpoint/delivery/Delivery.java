package io.touchpoint.delivery;

import java.util.UUID;

/**
 * One send of one channel task in one journey instance. It is recorded, QUEUED, in the transaction
 * that reaches the task, before any provider sees it; the idempotency key (the activity instance)
 * makes that record unique. A send to several addresses at once (a contact's devices) is recorded
 * per address as a part with {@code parentId}; the journey waits on the parent, which reaches a
 * status when any part does.
 *
 * @param executionId   the execution waiting in the channel task until the provider answered
 * @param outcomeCode   for a skipped send its {@link SkipReason}, for a refused one the provider's error code
 * @param outcomeReason what the code means in this case, for a person
 */
public record Delivery(
    String id,
    String idempotencyKey,
    String journeyKey,
    String processInstanceId,
    String executionId,
    String activityId,
    String contactId,
    Channel channel,
    String recipient,
    String provider,
    String providerMessageId,
    Outcome outcome,
    String outcomeCode,
    String outcomeReason,
    String parentId) {

  /** Where the send stands: on its way to the provider, or what became of it. */
  public enum Outcome {
    /** Held by the send governor (the code says why); its job at the task brings it back when the hold ends. */
    HELD,
    /** Recorded and waiting for the send pipeline of the node that owns it. */
    QUEUED,
    /** Handed to the provider; its answer is not recorded yet. */
    SENDING,
    /** An attempt failed for a passing reason; a retry is scheduled. */
    RETRYING,
    /** The provider accepted the message and gave it an id. */
    ACCEPTED,
    /** Not sent on purpose: opted out, no usable recipient. */
    SKIPPED,
    /** The provider refused the message for good (invalid number, blocked...). */
    REJECTED,
    /** Recorded by a journey version in shadow mode, and never handed to a provider. */
    SHADOW;

    /** Whether the provider's answer (or the decision not to send) is recorded. */
    public boolean isFinal() {
      return this == ACCEPTED || this == SKIPPED || this == REJECTED || this == SHADOW;
    }
  }

  public Delivery accepted(String providerMessageId) {
    return withOutcome(providerMessageId, Outcome.ACCEPTED, null, null);
  }

  public Delivery skipped(SkipReason reason, String detail) {
    return withOutcome(null, Outcome.SKIPPED, reason.name(), detail);
  }

  /** What a journey version in shadow mode records instead of sending. */
  public Delivery shadow() {
    return withOutcome(null, Outcome.SHADOW, null, null);
  }

  /** @param reason why the governor holds it: {@code quiet-hours}, {@code frequency-cap}, {@code paused} */
  public Delivery held(String reason) {
    return withOutcome(null, Outcome.HELD, reason, null);
  }

  /** @param code the provider's error code, e.g. Twilio {@code 21211} */
  public Delivery rejected(String code, String reason) {
    return withOutcome(null, Outcome.REJECTED, code, reason);
  }

  /** A part of this send going to one of its addresses, with an id of its own. */
  public Delivery part(String partRecipient, int index) {
    return new Delivery(UUID.randomUUID().toString(), idempotencyKey + "#" + index, journeyKey,
        processInstanceId, executionId, activityId, contactId, channel, partRecipient, provider, null, Outcome.SENDING,
        null, null, id);
  }

  private Delivery withOutcome(String providerMessageId, Outcome outcome, String code, String reason) {
    return new Delivery(id, idempotencyKey, journeyKey, processInstanceId, executionId, activityId, contactId,
        channel, recipient, provider, providerMessageId, outcome, code, reason, parentId);
  }
}
