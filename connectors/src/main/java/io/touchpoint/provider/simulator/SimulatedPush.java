package io.touchpoint.provider.simulator;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.OutboundPush;
import io.touchpoint.provider.PushSender;

/** Push without Firebase: accepts every notification and plays receipts (delivered, clicked). */
public class SimulatedPush implements PushSender {

  private final StatusSimulator simulator;

  public SimulatedPush(StatusSimulator simulator) {
    this.simulator = simulator;
  }

  @Override
  public String name() {
    return StatusSimulator.PROVIDER;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundPush message) {
    String messageId = "projects/simulator/messages/" + delivery.id();
    simulator.play(Channel.PUSH, messageId, message.token());
    return new SendOutcome.Accepted(messageId);
  }
}
