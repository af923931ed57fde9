package io.touchpoint.governor;

import io.touchpoint.delivery.Channel;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * At most {@code count} marketing sends to one contact per {@code window}, across all journeys: on every channel
 * ({@code all}) or on one.
 *
 * @param channel the channel counted, or null for all channels
 */
public record FrequencyCap(Channel channel, int count, Duration window) {

  public static final String ALL = "all";

  /** Reads a scope ({@code all}, {@code sms}, ...) and {@code <count>/<ISO-8601 duration>}, e.g. {@code 3/P1D}. */
  public static FrequencyCap parse(String scope, String text) {
    String name = scope.trim().toLowerCase(Locale.ROOT);
    Channel channel = ALL.equals(name) ? null : Channel.fromWireName(name)
        .filter(known -> known != Channel.WEBHOOK)
        .orElseThrow(() -> new IllegalArgumentException("'" + scope + "' is neither all nor a messaging channel"));
    String[] parts = text.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not <count>/<ISO-8601 duration>, e.g. 3/P1D");
    }
    try {
      int count = Integer.parseInt(parts[0].trim());
      Duration window = Duration.parse(parts[1].trim());
      if (count < 1 || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("'" + text + "' needs a count of at least 1 and a positive duration");
      }
      return new FrequencyCap(channel, count, window);
    } catch (NumberFormatException | DateTimeParseException malformed) {
      throw new IllegalArgumentException("'" + text + "' is not <count>/<ISO-8601 duration>, e.g. 3/P1D", malformed);
    }
  }

  public boolean covers(Channel sent) {
    return channel == null || channel == sent;
  }

  public String scope() {
    return channel == null ? ALL : channel.wireName();
  }
}
