package io.touchpoint.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WilsonScoreTest {

  /**
   * Newcombe RG (1998), "Two-sided confidence intervals for the single proportion: comparison of seven
   * methods", Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score, no continuity correction),
   * 95 %, printed to 4 decimals.
   */
  @ParameterizedTest(name = "{0}/{1} -> [{2}, {3}]")
  @CsvSource({
      "81, 263, 0.2553, 0.3662",
      "15, 148, 0.0624, 0.1605",
      "0, 20, 0.0000, 0.1611",
      "1, 29, 0.0061, 0.1718"})
  void matchesNewcombesTableOne(long converted, long entered, double lower, double upper) {
    Interval interval = WilsonScore.interval(converted, entered, 0.05);

    assertThat(interval.lower()).isCloseTo(lower, within(0.00005));
    assertThat(interval.upper()).isCloseTo(upper, within(0.00005));
  }

  @Test
  void theQuantileOfA95PercentIntervalIsTheNormalTables1Point96() {
    // 1.959963984540054: any table of the standard normal distribution (Abramowitz and Stegun 26.2.23).
    assertThat(WilsonScore.normalQuantile(0.05)).isCloseTo(1.959963984540054, within(1e-9));
    assertThat(WilsonScore.normalQuantile(0.01)).isCloseTo(2.5758293035489, within(1e-9));
  }

  @Test
  void noConversionAndEveryConversionKeepTheirExactBound() {
    assertThat(WilsonScore.interval(0, 7, 0.05).lower()).isZero();
    assertThat(WilsonScore.interval(7, 7, 0.05).upper()).isEqualTo(1);
  }

  @Test
  void anEmptyGroupSaysNothingAboutItsRate() {
    assertThat(WilsonScore.interval(0, 0, 0.05)).isEqualTo(new Interval(0, 1));
  }
}
