package io.touchpoint.provider;

import java.time.Duration;
import java.util.Map;

/**
 * A push notification for one device, as a push provider takes it.
 *
 * @param timeToLive  how long the provider keeps it for an offline device; null for the provider's default
 * @param collapseKey notifications with the same key replace each other; may be null
 * @param badge       iOS badge count; may be null
 * @param link        https URL opened when the notification is tapped; may be null
 * @param data        extra data for the app
 * @param receiptUrl  the signed URL the app or service worker posts "delivered" and "clicked" to
 */
public record OutboundPush(String token, String title, String body, boolean highPriority, Duration timeToLive,
    String collapseKey, String sound, Integer badge, String icon, String link, Map<String, String> data,
    String receiptUrl) {

  public OutboundPush {
    data = Map.copyOf(data);
  }
}
