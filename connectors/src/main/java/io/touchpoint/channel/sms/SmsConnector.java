package io.touchpoint.channel.sms;

import io.touchpoint.channel.MessagingConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;

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
