package io.touchpoint.provider;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** Carries push notifications: Firebase Cloud Messaging when configured, else the simulator. */
public interface PushSender {

  String name();

  /** Fails when this sender cannot send at all (no settings). */
  default void ensureConfigured() {
  }

  SendOutcome send(Delivery delivery, OutboundPush push);
}
