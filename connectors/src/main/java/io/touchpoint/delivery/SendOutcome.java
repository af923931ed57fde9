package io.touchpoint.delivery;

import java.util.List;

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

  /** Not sent on purpose: the message cannot be made as given (a missing attachment, no usable recipient). */
  record Skipped(String reason) implements SendOutcome {
  }

  /** A permanent refusal, with the provider's own error code, e.g. Twilio 21211. */
  record Rejected(String errorCode, String reason) implements SendOutcome {
  }

  /**
   * A send to several addresses at once, one outcome per part ({@link Delivery#part}); each part
   * is an {@link Accepted} or a {@link Rejected}.
   */
  record Parts(List<Part> parts) implements SendOutcome {

    public Parts {
      parts = List.copyOf(parts);
    }
  }

  record Part(Delivery delivery, SendOutcome outcome) {
  }
}
