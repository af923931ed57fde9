package io.touchpoint.analytics;

import java.time.Instant;

/**
 * Which journey instances analytics looks at: those that started in {@code [from, to)}.
 *
 * @param from                inclusive; null = since the first instance
 * @param to                  exclusive; null = up to now
 * @param includeMachineOpens count email opens by image proxies ({@code tp_machine_open}) as opens, and clicks by
 *                            link scanners ({@code tp_machine_click}) as clicks (and opens)
 */
public record AnalyticsRange(Instant from, Instant to, boolean includeMachineOpens) {

  public AnalyticsRange {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** Every instance, machine opens left out. */
  public static AnalyticsRange all() {
    return new AnalyticsRange(null, null, false);
  }
}
