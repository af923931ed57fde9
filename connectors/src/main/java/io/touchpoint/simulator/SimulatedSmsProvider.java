package io.touchpoint.simulator;

import io.touchpoint.channel.sms.SmsMessage;
import io.touchpoint.channel.sms.SmsProvider;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import java.util.UUID;

/** SMS without an account: accepts every message and reports back as a carrier would. */
public class SimulatedSmsProvider implements SmsProvider {

  private final StatusSimulator simulator;

  public SimulatedSmsProvider(StatusSimulator simulator) {
    this.simulator = simulator;
  }

  @Override
  public String name() {
    return StatusSimulator.PROVIDER;
  }

  @Override
  public SendOutcome send(Delivery delivery, SmsMessage message) {
    String messageId = "SIM" + UUID.randomUUID().toString().replace("-", "");
    simulator.play(Channel.SMS, messageId, message.to());
    return new SendOutcome.Accepted(messageId);
  }
}
