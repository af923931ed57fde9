package io.touchpoint.delivery;

import java.time.Instant;

/**
 * A status a provider reported for one of its messages, before it is matched to a delivery.
 *
 * @param providerStatus the provider's own word (Twilio "undelivered"), kept for the record
 * @param errorCode      provider error code, if any
 * @param channelUsed    the channel the provider actually used, when it says (an RCS message
 *                       that fell back to SMS); null when unknown
 * @param sendId         the delivery the provider's callback names (its callback URL carries it), so the
 *                       report finds its send even before the send recorded the provider's id; may be null
 */
public record StatusReport(
    String provider,
    String providerMessageId,
    DeliveryStatus status,
    String providerStatus,
    String errorCode,
    Instant occurredAt,
    Channel channelUsed,
    String sendId) {

  public StatusReport(String provider, String providerMessageId, DeliveryStatus status, String providerStatus,
      String errorCode, Instant occurredAt, Channel channelUsed) {
    this(provider, providerMessageId, status, providerStatus, errorCode, occurredAt, channelUsed, null);
  }
}
