package io.touchpoint.provider;

import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/**
 * Carries push notifications: Firebase Cloud Messaging when configured, else the simulator. An application's own
 * sender calls {@link CallDeadline#checkStillInTime()} (the bean) right before it writes its request, as Touchpoint's
 * do: a node held up past the call's deadline may have had the send taken over and made by another node.
 */
public interface PushSender {

  String name();

  /** Fails when this sender cannot send at all (no settings). */
  default void ensureConfigured() {
  }

  SendOutcome send(Delivery delivery, OutboundPush push);
}
