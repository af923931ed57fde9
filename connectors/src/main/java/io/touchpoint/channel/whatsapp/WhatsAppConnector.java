package io.touchpoint.channel.whatsapp;

import io.touchpoint.channel.MessagingConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;

/** The WhatsApp channel task's connector: session messages, media and approved templates. */
public class WhatsAppConnector extends MessagingConnector<WhatsAppMessage> {

  public WhatsAppConnector(MessagingProvider provider) {
    super(provider);
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
  protected OutboundMessage message(WhatsAppMessage input) {
    return new OutboundMessage(Channel.WHATSAPP, input.address(), blankToNull(input.text()),
        blankToNull(input.mediaUrl()), blankToNull(input.contentSid()), null, input.contentVariables());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
