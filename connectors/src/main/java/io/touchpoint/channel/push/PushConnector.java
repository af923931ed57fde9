package io.touchpoint.channel.push;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** The push channel task's connector. A device token FCM called unregistered is not used again. */
public class PushConnector implements ChannelConnector<PushMessage> {

  /** FCM's word for a token that no longer reaches a device. */
  static final String UNREGISTERED = "UNREGISTERED";

  private final PushSender sender;
  private final ConsentRegistry consent;

  public PushConnector(PushSender sender, ConsentRegistry consent) {
    this.sender = sender;
    this.consent = consent;
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public Class<PushMessage> inputType() {
    return PushMessage.class;
  }

  @Override
  public String recipient(PushMessage input) {
    return input.to().trim();
  }

  @Override
  public String provider() {
    return sender.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, PushMessage input) {
    SendOutcome outcome = sender.send(delivery, input);
    if (outcome instanceof SendOutcome.Rejected rejected && UNREGISTERED.equals(rejected.errorCode())) {
      // a dead token: later sends to it are skipped like an opt-out, and the ledger says why
      consent.optOut(Channel.PUSH, recipient(input), UNREGISTERED);
    }
    return outcome;
  }
}
