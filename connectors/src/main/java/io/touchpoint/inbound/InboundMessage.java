package io.touchpoint.inbound;

import io.touchpoint.delivery.Channel;

/** A message a contact sent us on a channel (a reply, or a keyword such as STOP). */
public record InboundMessage(String provider, String providerMessageId, Channel channel, String from, String body) {
}
