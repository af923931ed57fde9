package io.touchpoint.provider.simulator;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.EmailSender;
import io.touchpoint.provider.OutboundEmail;

/** Email without a relay: accepts every message and plays deliveries, opens, clicks and bounces. */
public class SimulatedEmail implements EmailSender {

  private final StatusSimulator simulator;

  public SimulatedEmail(StatusSimulator simulator) {
    this.simulator = simulator;
  }

  @Override
  public String name() {
    return StatusSimulator.PROVIDER;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundEmail message) {
    String messageId = "<SIM" + delivery.id() + "@touchpoint>";
    simulator.play(Channel.EMAIL, messageId, message.to());
    return new SendOutcome.Accepted(messageId);
  }
}
