package io.touchpoint.governor;

import io.touchpoint.delivery.Channel;
import java.time.Instant;

/**
 * An emergency stop: while it lasts, sends in its scope are held.
 *
 * @param scope {@code all}, {@code channel:<channel>} or {@code journey:<process definition key>}
 */
public record Pause(String id, String scope, String reason, Instant createdAt) {

  public boolean covers(Channel channel, String journeyKey) {
    return scope.equals("all") || scope.equals("channel:" + channel.wireName())
        || scope.equals("journey:" + journeyKey);
  }
}
