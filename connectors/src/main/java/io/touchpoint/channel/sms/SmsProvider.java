package io.touchpoint.channel.sms;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** Carries SMS: Twilio when configured, else the simulator. */
public interface SmsProvider {

  String name();

  SendOutcome send(Delivery delivery, SmsMessage message);
}
