package io.touchpoint.provider;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** Carries messages of one channel: Twilio when its sender is configured, else the simulator. */
public interface MessagingProvider {

  String name();

  /** Fails when this provider cannot send at all (no settings): the send becomes an incident at once. */
  default void ensureConfigured() {
  }

  /**
   * Throws for failures worth retrying (network, 5xx, 429); returns {@link SendOutcome.Rejected}
   * for permanent refusals.
   */
  SendOutcome send(Delivery delivery, OutboundMessage message);

  /** After a crash during {@link #send}: whether the provider has the message. By default it is sent again. */
  default Reconciliation reconcile(LostAttempt attempt, OutboundMessage message) {
    return new Reconciliation.SendAgain(name() + " offers no lookup");
  }
}
