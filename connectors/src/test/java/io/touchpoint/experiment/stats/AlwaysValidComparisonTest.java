package io.touchpoint.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlwaysValidComparisonTest {

  static final AlwaysValidComparison AT_5_PERCENT = new AlwaysValidComparison(0.05);

  static VariantCounts group(long entered, long converted) {
    return new VariantCounts("g", 1, entered, converted);
  }

  /**
   * The worked example of docs/experiments.md, computed by hand from the closed form there (Python, double
   * precision): 10 % against 15 % with 1,000 entrants each.
   */
  @Test
  void matchesTheWorkedExampleOfTheGuide() {
    Lift lift = AT_5_PERCENT.compare(group(1_000, 100), group(1_000, 150));

    assertThat(lift.value()).isCloseTo(0.05, within(1e-12));
    assertThat(lift.relative()).isCloseTo(0.5, within(1e-12));
    assertThat(lift.pValue()).isCloseTo(0.018563, within(0.000001));
    assertThat(lift.interval().lower()).isCloseTo(0.005123, within(0.000001));
    assertThat(lift.interval().upper()).isCloseTo(0.094877, within(0.000001));
  }

  @Test
  void aDifferenceAFixedSampleTestWouldCallIsNotYetShownUnderPeeking() {
    // 10 % against 14 %: z = 2.75, a fixed-sample test's p = 0.006; the always-valid p-value is 0.104.
    Lift lift = AT_5_PERCENT.compare(group(1_000, 100), group(1_000, 140));

    assertThat(lift.pValue()).isCloseTo(0.10427, within(0.00001));
    assertThat(Decision.of(lift.interval())).isEqualTo(Decision.INCONCLUSIVE);
  }

  @Test
  void theIntervalExcludesZeroExactlyWhenThePValueIsBelowAlpha() {
    for (long entered = 10; entered <= 100_000; entered *= 10) {
      for (long converted = 0; converted <= entered; converted += Math.max(1, entered / 50)) {
        Lift lift = AT_5_PERCENT.compare(group(entered, entered / 10), group(entered, converted));

        assertThat(Decision.of(lift.interval()) != Decision.INCONCLUSIVE)
            .as("%d/%d against %d/%d, p = %s", converted, entered, entered / 10, entered, lift.pValue())
            .isEqualTo(lift.pValue() < 0.05);
      }
    }
  }

  @Test
  void noDifferenceIsNoEvidence() {
    Lift lift = AT_5_PERCENT.compare(group(1_000, 50), group(1_000, 50));

    assertThat(lift.pValue()).isEqualTo(1);
    assertThat(lift.interval().lower()).isCloseTo(-lift.interval().upper(), within(1e-15));
  }

  @Test
  void aLowerRateIsAnIntervalBelowZero() {
    Lift lift = AT_5_PERCENT.compare(group(1_000, 100), group(1_000, 60));

    assertThat(lift.interval().upper()).isNegative();
    assertThat(Decision.of(lift.interval())).isEqualTo(Decision.WORSE);
  }

  @Test
  void theIntervalIsNarrowestInStandardErrorsAtTheTunedSize() {
    int tuned = AlwaysValidComparison.TUNED_ENTRANTS_PER_GROUP;

    double atTuned = halfWidthInStandardErrors(tuned);

    assertThat(halfWidthInStandardErrors(tuned * 9 / 10)).isGreaterThan(atTuned);
    assertThat(halfWidthInStandardErrors(tuned * 11 / 10)).isGreaterThan(atTuned);
    // sqrt(1 + x) where x = ln(1 + x) - 2 ln 0.05: the price of peeking at the tuned size, against 1.96.
    assertThat(atTuned).isCloseTo(3.0351, within(0.0001));
  }

  static double halfWidthInStandardErrors(long entered) {
    long converted = entered / 5;
    Lift lift = AT_5_PERCENT.compare(group(entered, converted), group(entered, converted));
    double smoothed = (converted + 1.0) / (entered + 2.0);
    double standardError = Math.sqrt(2 * smoothed * (1 - smoothed) / entered);
    return lift.interval().upper() / standardError;
  }

  @Test
  void aGroupNobodyEnteredSaysNothing() {
    Lift lift = AT_5_PERCENT.compare(group(1_000, 100), group(0, 0));

    assertThat(lift.interval()).isEqualTo(new Interval(-1, 1));
    assertThat(lift.pValue()).isEqualTo(1);
  }

  @Test
  void theRelativeLiftNeedsAReferenceThatConverted() {
    assertThat(AT_5_PERCENT.compare(group(1_000, 0), group(1_000, 3)).relative()).isNull();
  }

  @Test
  void intervalsStayWithinTheRangeOfADifferenceOfRates() {
    Lift lift = AT_5_PERCENT.compare(group(3, 0), group(3, 3));

    assertThat(lift.interval().lower()).isGreaterThanOrEqualTo(-1);
    assertThat(lift.interval().upper()).isLessThanOrEqualTo(1);
  }
}
