package io.touchpoint.delivery;

/** What a provider said when handed a message. Retryable failures are exceptions, not outcomes. */
public sealed interface SendOutcome {

  record Accepted(String providerMessageId) implements SendOutcome {
  }

  /** A permanent refusal, with the provider's own error code, e.g. Twilio 21211. */
  record Rejected(String errorCode, String reason) implements SendOutcome {
  }
}
