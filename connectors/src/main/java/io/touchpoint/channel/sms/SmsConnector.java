package io.touchpoint.channel.sms;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.OutboundMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** The SMS channel task's connector. */
public class SmsConnector implements ChannelConnector<SmsMessage> {

  private final MessagingProvider provider;

  public SmsConnector(MessagingProvider provider) {
    this.provider = provider;
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public Class<SmsMessage> inputType() {
    return SmsMessage.class;
  }

  @Override
  public String recipient(SmsMessage input) {
    return input.to();
  }

  @Override
  public String provider() {
    return provider.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, SmsMessage input) {
    return provider.send(delivery, OutboundMessage.text(Channel.SMS, input.to(), input.text()));
  }
}
