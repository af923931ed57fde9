package io.touchpoint.experiment.stats;

/**
 * Compares a group's conversion rate with a reference group's so that the answer stays valid however often it
 * is read: a mixture sequential probability ratio test (mSPRT; Johari, Pekelis and Walsh, "Always valid
 * inference", Operations Research 2022) on the difference of the two rates, and the confidence sequence that
 * inverts it. See {@code docs/experiments.md} for the derivation and the assumptions.
 *
 * <p>The difference estimate {@code d} is treated as normal with variance {@code V}; the mixing distribution of
 * the alternative is a normal N(0, τ²). With {@code x = τ²/V} the mixture likelihood ratio of "difference θ" is
 * {@code Λ(θ) = exp((x/(1+x)·(d-θ)²/V - ln(1+x)) / 2)}; by Ville's inequality {@code Λ} exceeds {@code 1/α}
 * at any look with probability at most α when θ is true. So the always-valid p-value is {@code min(1, 1/Λ(0))}
 * and the confidence sequence is every θ with {@code Λ(θ) < 1/α}: {@code d ± sqrt(V·(1+x)/x·(ln(1+x) - 2 ln α))}.
 * The interval excludes 0 exactly when the p-value is below α.
 */
final class AlwaysValidComparison {

  /**
   * The mixture is tuned to be tightest when each of two equal groups has this many entrants: narrower
   * intervals there, slightly wider (logarithmically) far beyond, much wider far below.
   */
  static final int TUNED_ENTRANTS_PER_GROUP = 1_000;

  private final double alpha;
  /** ρ² = τ²/σ²: the mixing variance in per-entrant variances σ², so that the test is free of the rate's scale. */
  private final double relativeMixingVariance;

  AlwaysValidComparison(double alpha) {
    this.alpha = alpha;
    this.relativeMixingVariance = optimalVarianceRatio(alpha) / effectiveSize(TUNED_ENTRANTS_PER_GROUP,
        TUNED_ENTRANTS_PER_GROUP);
  }

  /** The lift of {@code group} over {@code reference}. */
  Lift compare(VariantCounts reference, VariantCounts group) {
    double difference = group.rate() - reference.rate();
    Double relative = reference.converted() == 0 ? null : difference / reference.rate();
    if (reference.entered() == 0 || group.entered() == 0) {
      return new Lift(difference, new Interval(-1, 1), relative, 1);
    }
    double variance = rateVariance(reference) + rateVariance(group);
    double varianceRatio = relativeMixingVariance * effectiveSize(reference.entered(), group.entered());
    double shrink = varianceRatio / (1 + varianceRatio);
    double logLikelihoodRatio = (shrink * difference * difference / variance - Math.log1p(varianceRatio)) / 2;
    double pValue = Math.min(1, Math.exp(-logLikelihoodRatio));
    double halfWidth = Math.sqrt(variance / shrink * (Math.log1p(varianceRatio) - 2 * Math.log(alpha)));
    Interval interval = new Interval(Math.max(-1, difference - halfWidth), Math.min(1, difference + halfWidth));
    return new Lift(difference, interval, relative, pValue);
  }

  /**
   * The variance of a group's rate, with one conversion and one non-conversion added (Agresti and Caffo 2000)
   * so that it is never 0: with no conversion yet, the plain estimate would claim a certainty nobody has.
   */
  private static double rateVariance(VariantCounts group) {
    double smoothed = (group.converted() + 1.0) / (group.entered() + 2.0);
    return smoothed * (1 - smoothed) / group.entered();
  }

  /** 1/(1/a + 1/b): the variance of the difference of two rates is the per-entrant variance divided by this. */
  private static double effectiveSize(long a, long b) {
    return (double) a * b / (a + b);
  }

  /** The x = τ²/V that minimises the half-width at a given V: the root of x = ln(1+x) - 2 ln α. */
  static double optimalVarianceRatio(double alpha) {
    double x = -2 * Math.log(alpha);
    double previous;
    do {
      previous = x;
      x = Math.log1p(x) - 2 * Math.log(alpha);
    } while (Math.abs(x - previous) > 1e-12);
    return x;
  }
}
