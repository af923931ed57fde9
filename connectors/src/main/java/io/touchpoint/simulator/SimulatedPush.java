package io.touchpoint.simulator;

import io.touchpoint.channel.push.PushMessage;
import io.touchpoint.channel.push.PushSender;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

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
  public SendOutcome send(Delivery delivery, PushMessage message) {
    String messageId = "projects/simulator/messages/" + delivery.id();
    simulator.play(Channel.PUSH, messageId, message.to());
    return new SendOutcome.Accepted(messageId);
  }
}
