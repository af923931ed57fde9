package io.touchpoint.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SrmTest {

  @Test
  void flagsTheMismatchOfKohavisBook() {
    // Kohavi, Tang and Xu (2020), "Trustworthy Online Controlled Experiments", chapter 21: a 50/50 split with
    // 821,588 and 815,482 users has a sample ratio p-value of 1.8E-6. scipy.stats.chisquare([821588, 815482])
    // gives 1.8218e-06.
    Srm srm = Srm.check(List.of(new VariantCounts("control", 1, 821_588, 0),
        new VariantCounts("treatment", 1, 815_482, 0)));

    assertThat(srm.pValue()).isCloseTo(1.8218e-6, within(0.0001e-6));
    assertThat(srm.flagged()).isTrue();
  }

  @Test
  void countsThatFitUnequalWeightsAreNotFlagged() {
    // Mendel's peas against the 9:3:3:1 ratio: X² = 0.470, 3 degrees of freedom, p = 0.9254
    // (R: chisq.test(c(315, 108, 101, 32), p = c(9, 3, 3, 1) / 16)).
    Srm srm = Srm.check(List.of(new VariantCounts("round yellow", 9, 315, 0),
        new VariantCounts("round green", 3, 108, 0), new VariantCounts("wrinkled yellow", 3, 101, 0),
        new VariantCounts("wrinkled green", 1, 32, 0)));

    assertThat(srm.pValue()).isCloseTo(0.92543, within(0.00001));
    assertThat(srm.flagged()).isFalse();
  }

  @Test
  void weightsAreSharesNotCounts() {
    List<VariantCounts> asFractions = List.of(new VariantCounts("a", 0.9, 8_800, 0),
        new VariantCounts("holdout", 0.1, 1_200, 0));
    List<VariantCounts> asPercentages = List.of(new VariantCounts("a", 90, 8_800, 0),
        new VariantCounts("holdout", 10, 1_200, 0));

    assertThat(Srm.check(asFractions)).isEqualTo(Srm.check(asPercentages));
    assertThat(Srm.check(asFractions).flagged()).isTrue();
  }

  @Test
  void isNotTestedWhileAGroupExpectsFewerThanFiveEntrants() {
    // 2 of 10 in a 1 % holdout: X² = 36.4 would be "flagged", yet an exact binomial gives p = 0.004.
    Srm tooEarly = Srm.check(List.of(new VariantCounts("a", 99, 8, 0), new VariantCounts("holdout", 1, 2, 0)));

    assertThat(tooEarly.pValue()).isNull();
    assertThat(tooEarly.flagged()).isFalse();
  }

  @Test
  void aSingleGroupHasNoRatioToCheck() {
    assertThat(Srm.check(List.of(new VariantCounts("a", 1, 1_000, 10))).pValue()).isNull();
  }
}
