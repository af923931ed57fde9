package io.touchpoint.delivery;

/** What a provider said when handed a message. Retryable failures are exceptions, not outcomes. */
public sealed interface SendOutcome {

  /**
   * @param reached a status the acceptance itself means, e.g. SENT when an SMTP relay took the
   *                message; null when the provider reports statuses later
   */
  record Accepted(String providerMessageId, DeliveryStatus reached) implements SendOutcome {

    public Accepted(String providerMessageId) {
      this(providerMessageId, null);
    }
  }

  /** A permanent refusal, with the provider's own error code, e.g. Twilio 21211. */
  record Rejected(String errorCode, String reason) implements SendOutcome {
  }
}
