package io.touchpoint.delivery;


/**
 * A message a contact sent us on a channel (a reply, or a keyword such as STOP).
 *
 * @param repliedTo the provider's id of the message this one answers, when the channel says so
 *                  (WhatsApp replies carry it); else the reply is attributed to the newest message
 * @param payload   the quick-reply button's payload, when a button was pressed
 */
public record InboundMessage(String provider, String providerMessageId, Channel channel, String from, String body,
    String repliedTo, String payload) {
}
