package io.touchpoint.governor;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;

/**
 * At most {@code count} calls to one provider in any {@code window}, counted over all nodes.
 *
 * <p>Nodes take tokens in leases: a lease is used only within {@link #leaseValidity()} of being granted, and holds
 * a tenth of the count, so a few grants per window serve many sends.
 */
public record ProviderRateLimit(String provider, int count, Duration window) {

  public static final Set<String> PROVIDERS = Set.of("twilio", "smtp", "fcm", "webhook");

  private static final Duration SHORTEST_LEASE = Duration.ofMillis(10);
  private static final Duration LONGEST_LEASE = Duration.ofSeconds(1);

  /** Reads a provider name and {@code <count>/<duration>}, the duration ISO-8601 ({@code PT1S}) or short ({@code 1s}). */
  public static ProviderRateLimit parse(String provider, String text) {
    String name = provider.trim().toLowerCase(Locale.ROOT);
    if (!PROVIDERS.contains(name)) {
      throw new IllegalArgumentException("'" + provider + "' is not a provider (twilio, smtp, fcm, webhook)");
    }
    String[] parts = text.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not <count>/<duration>, e.g. 100/1s");
    }
    int count;
    Duration window;
    try {
      count = Integer.parseInt(parts[0].trim());
      window = DurationStyle.detectAndParse(parts[1].trim());
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException("'" + text + "' is not <count>/<duration>, e.g. 100/1s", malformed);
    }
    if (count < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("'" + text + "' needs a count of at least 1 and a positive duration");
    }
    return new ProviderRateLimit(name, count, window);
  }

  /** How long a node may use a lease's tokens after it was granted: a tenth of the window, 10 ms to 1 s. */
  public Duration leaseValidity() {
    Duration tenth = window.dividedBy(10);
    return tenth.compareTo(SHORTEST_LEASE) < 0 ? SHORTEST_LEASE
        : tenth.compareTo(LONGEST_LEASE) > 0 ? LONGEST_LEASE : tenth;
  }

  /** Tokens a node asks for at once. */
  public int leaseSize() {
    return Math.max(1, count / 10);
  }
}
