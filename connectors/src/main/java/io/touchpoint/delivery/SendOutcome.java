package io.touchpoint.delivery;

import java.util.List;

/**
 * What became of handing a message to its provider — a closed set, recorded as the delivery's outcome and
 * outcome code. Failures worth another attempt are exceptions, not outcomes.
 */
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

  /** Not sent on purpose, for a {@link SkipReason}; {@code detail} says what exactly, for a person. */
  record Skipped(SkipReason reason, String detail) implements SendOutcome {
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
