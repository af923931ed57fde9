package io.touchpoint.provider;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** Carries email: an SMTP relay when {@code spring.mail.host} is set, else the simulator. */
public interface EmailSender {

  String name();

  /** Fails when this sender cannot send at all (no settings). */
  default void ensureConfigured() {
  }

  SendOutcome send(Delivery delivery, OutboundEmail email);

  /** A send whose answer was lost; a sender that keeps no record sends it again (same Message-ID). */
  default Reconciliation reconcile(LostAttempt attempt) {
    return new Reconciliation.SendAgain("no record of accepted email to look in");
  }
}
