package io.touchpoint.channel.sms;

import io.touchpoint.channel.MessagingConnector;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.OutboundMessage;
import io.touchpoint.delivery.Channel;

/** The SMS channel task's connector. */
public class SmsConnector extends MessagingConnector<SmsMessage> {

  public SmsConnector(MessagingProvider provider) {
    super(provider);
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
  protected OutboundMessage message(SmsMessage input) {
    return OutboundMessage.text(Channel.SMS, input.to(), input.text());
  }
}
