package io.touchpoint.channel.push;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** Carries push notifications: Firebase Cloud Messaging when configured, else the simulator. */
public interface PushSender {

  String name();

  SendOutcome send(Delivery delivery, PushMessage message);
}
