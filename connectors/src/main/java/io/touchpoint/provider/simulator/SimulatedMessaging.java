package io.touchpoint.provider.simulator;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;
import java.util.UUID;

/** A channel without an account: accepts every message and reports back as the network would. */
public class SimulatedMessaging implements MessagingProvider {

  private final StatusSimulator simulator;

  public SimulatedMessaging(StatusSimulator simulator) {
    this.simulator = simulator;
  }

  @Override
  public String name() {
    return StatusSimulator.PROVIDER;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundMessage message) {
    String messageId = "SIM" + UUID.randomUUID().toString().replace("-", "");
    simulator.play(message.channel(), messageId, message.to());
    return new SendOutcome.Accepted(messageId);
  }
}
