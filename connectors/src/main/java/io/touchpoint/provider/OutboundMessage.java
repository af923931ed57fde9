package io.touchpoint.provider;

import io.touchpoint.delivery.Channel;
import java.util.Map;

/**
 * A message for a phone-number channel (SMS, WhatsApp, RCS), as a messaging provider takes it:
 * plain text with optional media, a pre-approved content template, or rich content — the latter
 * two with their placeholders' variables.
 *
 * @param to               the address on the channel, e.g. {@code +15551234567} or {@code whatsapp:+15551234567}
 * @param contentVariables the template's placeholders by number, {@code {"1": "Ana"}}
 */
public record OutboundMessage(Channel channel, String to, String text, String mediaUrl, String contentSid,
    RichContent richContent, Map<String, String> contentVariables) {

  public OutboundMessage {
    contentVariables = contentVariables == null ? Map.of() : Map.copyOf(contentVariables);
  }

  public static OutboundMessage text(Channel channel, String to, String text) {
    return new OutboundMessage(channel, to, text, null, null, null, Map.of());
  }
}
