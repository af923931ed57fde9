package io.touchpoint.delivery;

import java.time.Instant;

/**
 * A status a provider reported for one of its messages, before it is matched to a delivery.
 *
 * @param providerStatus the provider's own word (Twilio "undelivered"), kept for the record
 * @param errorCode      provider error code, if any
 * @param channelUsed    the channel the provider actually used, when it says (an RCS message
 *                       that fell back to SMS); null when unknown
 */
public record StatusReport(
    String provider,
    String providerMessageId,
    DeliveryStatus status,
    String providerStatus,
    String errorCode,
    Instant occurredAt,
    Channel channelUsed) {
}
