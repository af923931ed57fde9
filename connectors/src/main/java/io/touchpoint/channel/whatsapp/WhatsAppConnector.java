package io.touchpoint.channel.whatsapp;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.OutboundMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;

/** The WhatsApp channel task's connector: session messages, media and approved templates. */
public class WhatsAppConnector implements ChannelConnector<WhatsAppMessage> {

  private final MessagingProvider provider;

  public WhatsAppConnector(MessagingProvider provider) {
    this.provider = provider;
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public Class<WhatsAppMessage> inputType() {
    return WhatsAppMessage.class;
  }

  @Override
  public String recipient(WhatsAppMessage input) {
    return input.address();
  }

  @Override
  public String provider() {
    return provider.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, WhatsAppMessage input) {
    return provider.send(delivery, new OutboundMessage(Channel.WHATSAPP, input.address(), blankToNull(input.text()),
        blankToNull(input.mediaUrl()), blankToNull(input.contentSid()), null, input.contentVariables()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
