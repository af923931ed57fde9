package io.touchpoint.channel;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;
import io.touchpoint.provider.Reconciliation;

/**
 * A phone-number channel (SMS, WhatsApp, RCS): its input becomes an {@link OutboundMessage} for the
 * channel's {@link MessagingProvider}, for sending and, after a crash, for looking the message up.
 */
public abstract class MessagingConnector<I extends Record> implements ChannelConnector<I> {

  private final MessagingProvider provider;

  protected MessagingConnector(MessagingProvider provider) {
    this.provider = provider;
  }

  /** The message as the provider takes it. */
  protected abstract OutboundMessage message(I input);

  @Override
  public void ensureConfigured() {
    provider.ensureConfigured();
  }

  @Override
  public String provider() {
    return provider.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, I input) {
    return provider.send(delivery, message(input));
  }

  @Override
  public Reconciliation reconcile(LostAttempt attempt, I input) {
    return provider.reconcile(attempt, message(input));
  }
}
