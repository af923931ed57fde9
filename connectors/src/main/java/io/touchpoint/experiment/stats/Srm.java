package io.touchpoint.experiment.stats;

import java.util.List;
import org.apache.commons.math3.special.Gamma;

/**
 * The sample ratio mismatch check: Pearson's chi-square goodness-of-fit test of the groups' entered counts
 * against their weights. A mismatch means assignment or counting is broken (contacts lost or double-counted in
 * one group), and then no comparison of the groups can be trusted, whatever it says.
 *
 * @param pValue  the test's p-value; null when it is not tested yet: fewer than two groups, or a group expected
 *                to have fewer than {@value #MIN_EXPECTED_ENTRANTS} entrants (the chi-square approximation
 *                would raise false alarms)
 * @param flagged {@code pValue} is below {@value #THRESHOLD}
 */
public record Srm(Double pValue, boolean flagged) {

  /**
   * So strict because the check runs at every look and a false alarm discredits a sound experiment: over 30
   * daily looks the chance of a false alarm stays below 3 %.
   */
  public static final double THRESHOLD = 0.001;

  /** Cochran's rule for the chi-square approximation. */
  public static final double MIN_EXPECTED_ENTRANTS = 5;

  static Srm check(List<VariantCounts> groups) {
    if (groups.size() < 2) {
      return new Srm(null, false);
    }
    double totalWeight = groups.stream().mapToDouble(VariantCounts::weight).sum();
    long entered = groups.stream().mapToLong(VariantCounts::entered).sum();
    double chiSquare = 0;
    for (VariantCounts group : groups) {
      double expected = entered * group.weight() / totalWeight;
      if (expected < MIN_EXPECTED_ENTRANTS) {
        return new Srm(null, false);
      }
      double deviation = group.entered() - expected;
      chiSquare += deviation * deviation / expected;
    }
    double pValue = Gamma.regularizedGammaQ((groups.size() - 1) / 2.0, chiSquare / 2);
    return new Srm(pValue, pValue < THRESHOLD);
  }
}
