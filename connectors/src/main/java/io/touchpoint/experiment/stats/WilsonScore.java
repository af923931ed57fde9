package io.touchpoint.experiment.stats;

import org.apache.commons.math3.special.Erf;

/**
 * The Wilson score interval of one conversion rate (Wilson 1927; method 3 of Newcombe 1998). Unlike the
 * textbook rate ± z·standard error, it stays within [0, 1] and keeps close to its nominal coverage at small
 * counts and rates near 0 or 1, which is where journeys' conversion rates live.
 */
final class WilsonScore {

  private WilsonScore() {
  }

  /** The two-sided {@code 1 - alpha} interval of {@code converted / entered}; [0, 1] when none entered. */
  static Interval interval(long converted, long entered, double alpha) {
    if (entered == 0) {
      return new Interval(0, 1);
    }
    double z = normalQuantile(alpha);
    double n = entered;
    double rate = converted / n;
    double z2n = z * z / n;
    double centre = (rate + z2n / 2) / (1 + z2n);
    double halfWidth = z / (1 + z2n) * Math.sqrt(rate * (1 - rate) / n + z2n / (4 * n));
    // The bounds at 0 and at every conversion are exactly 0 and 1; rounding must not move them.
    double lower = converted == 0 ? 0 : Math.max(0, centre - halfWidth);
    double upper = converted == entered ? 1 : Math.min(1, centre + halfWidth);
    return new Interval(lower, upper);
  }

  /** z such that a standard normal lies within ±z with probability {@code 1 - alpha}. */
  static double normalQuantile(double alpha) {
    return Math.sqrt(2) * Erf.erfInv(1 - alpha);
  }
}
