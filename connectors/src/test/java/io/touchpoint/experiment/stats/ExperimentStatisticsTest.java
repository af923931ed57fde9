package io.touchpoint.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentStatisticsTest {

  static final VariantCounts CONTROL = new VariantCounts("control", 0.45, 1_000, 100);
  static final VariantCounts SHORTER_TEXT = new VariantCounts("shorter-text", 0.45, 1_000, 150);
  static final VariantCounts HOLDOUT = new VariantCounts("holdout", 0.1, 222, 11);

  @Test
  void theControlIsTheReferenceAndHasNoLiftOfItsOwn() {
    VariantResult control = ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", 0.05)
        .variants().get(0);

    assertThat(control.name()).isEqualTo("control");
    assertThat(control.rate()).isEqualTo(0.1);
    assertThat(control.interval()).isEqualTo(WilsonScore.interval(100, 1_000, 0.05));
    assertThat(control.lift()).isNull();
    assertThat(control.decision()).isNull();
  }

  @Test
  void aVariantIsComparedWithTheControl() {
    VariantResult variant = ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", 0.05)
        .variants().get(1);

    assertThat(variant).extracting(VariantResult::name, VariantResult::weight, VariantResult::entered,
        VariantResult::converted, VariantResult::rate).containsExactly("shorter-text", 0.45, 1_000L, 150L, 0.15);
    assertThat(variant.lift()).isEqualTo(new AlwaysValidComparison(0.05).compare(CONTROL, SHORTER_TEXT));
    assertThat(variant.decision()).isEqualTo(Decision.BETTER);
  }

  @Test
  void severalVariantsShareAlphaSoThatAnyWrongCallStaysBelowIt() {
    VariantCounts shorter = new VariantCounts("shorter-text", 0.45, 1_000, 146);
    VariantCounts emoji = new VariantCounts("emoji", 0.45, 1_000, 100);

    VariantResult alone = ExperimentStatistics.analyse(List.of(CONTROL, shorter), "control", 0.05).variants().get(1);
    VariantResult withAnother = ExperimentStatistics.analyse(List.of(CONTROL, shorter, emoji), "control", 0.05)
        .variants().get(1);

    assertThat(alone.lift().pValue()).isBetween(0.025, 0.05);
    assertThat(alone.decision()).isEqualTo(Decision.BETTER);
    assertThat(withAnother.lift()).isEqualTo(new AlwaysValidComparison(0.025).compare(CONTROL, shorter));
    assertThat(withAnother.decision()).isEqualTo(Decision.INCONCLUSIVE);
    assertThat(withAnother.interval()).as("a group's own rate is described at alpha")
        .isEqualTo(WilsonScore.interval(146, 1_000, 0.05));
  }

  @Test
  void theHoldoutIsComparedWithEveryoneTheJourneyTreated() {
    ExperimentAnalysis analysis = ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", HOLDOUT,
        0.05);

    VariantResult holdout = analysis.holdout();
    assertThat(holdout.rate()).isCloseTo(11 / 222.0, within(1e-15));
    assertThat(holdout.interval()).isEqualTo(WilsonScore.interval(11, 222, 0.05));
    assertThat(holdout.lift().value()).as("treated 250/2000 minus holdout 11/222")
        .isCloseTo(0.125 - 11 / 222.0, within(1e-15));
    assertThat(holdout.lift().relative()).isCloseTo((0.125 - 11 / 222.0) / (11 / 222.0), within(1e-12));
    assertThat(holdout.lift()).isEqualTo(new AlwaysValidComparison(0.05)
        .compare(HOLDOUT, new VariantCounts("treated", 0.9, 2_000, 250)));
    assertThat(holdout.decision()).as("the journey works").isEqualTo(Decision.BETTER);
  }

  @Test
  void theSampleRatioCheckCountsTheHoldoutWithItsWeight() {
    VariantCounts oversizedHoldout = new VariantCounts("holdout", 0.1, 400, 20);

    assertThat(ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", HOLDOUT, 0.05).srm())
        .isEqualTo(Srm.check(List.of(CONTROL, SHORTER_TEXT, HOLDOUT)));
    assertThat(ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", oversizedHoldout, 0.05)
        .srm().flagged()).isTrue();
  }

  @Test
  void withoutAHoldoutThereIsNoHoldoutResult() {
    assertThat(ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", 0.05).holdout()).isNull();
  }

  @Test
  void aJourneyWithOneVariantAndAHoldoutAsksOnlyWhetherTheJourneyWorks() {
    ExperimentAnalysis analysis = ExperimentStatistics.analyse(List.of(CONTROL), "control", HOLDOUT, 0.05);

    assertThat(analysis.variants()).singleElement().extracting(VariantResult::lift).isNull();
    assertThat(analysis.holdout().lift()).isEqualTo(new AlwaysValidComparison(0.05).compare(HOLDOUT, CONTROL));
  }

  @Test
  void anUnknownControlIsRejected() {
    assertThatThrownBy(() -> ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "baseline", 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TOUCHPOINT-EXPERIMENT-005 the control 'baseline' is not among the variants");
  }

  @Test
  void theHoldoutCannotBeTheControl() {
    assertThatThrownBy(() -> ExperimentStatistics.analyse(List.of(SHORTER_TEXT), "holdout", HOLDOUT, 0.05))
        .hasMessage("TOUCHPOINT-EXPERIMENT-005 the control 'holdout' is not among the variants");
  }

  @Test
  void twoGroupsWithOneNameAreRejected() {
    VariantCounts holdoutNamedControl = new VariantCounts("control", 0.1, 222, 11);

    assertThatThrownBy(() -> ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control",
        holdoutNamedControl, 0.05))
        .hasMessage("TOUCHPOINT-EXPERIMENT-006 two groups are named 'control'");
  }

  @Test
  void alphaMustBeAProbabilityStrictlyBetweenZeroAndOne() {
    for (double alpha : new double[] {0, 1, -0.05, 5, Double.NaN}) {
      assertThatThrownBy(() -> ExperimentStatistics.analyse(List.of(CONTROL, SHORTER_TEXT), "control", alpha))
          .hasMessage("TOUCHPOINT-EXPERIMENT-004 alpha must be between 0 and 1, not " + alpha);
    }
  }

  @Test
  void countsThatCannotBeAreRejectedWhenTheyAreRead() {
    assertThatThrownBy(() -> new VariantCounts("control", 1, 10, 11))
        .hasMessage("TOUCHPOINT-EXPERIMENT-003 group 'control': converted (11) must be between 0 and entered (10)");
    assertThatThrownBy(() -> new VariantCounts("control", 1, -1, 0))
        .hasMessageStartingWith("TOUCHPOINT-EXPERIMENT-003");
    assertThatThrownBy(() -> new VariantCounts("control", 0, 10, 1))
        .hasMessage("TOUCHPOINT-EXPERIMENT-002 group 'control': weight must be a positive number, not 0.0");
    assertThatThrownBy(() -> new VariantCounts("control", Double.NaN, 10, 1))
        .hasMessageStartingWith("TOUCHPOINT-EXPERIMENT-002");
    assertThatThrownBy(() -> new VariantCounts(" ", 1, 10, 1))
        .hasMessage("TOUCHPOINT-EXPERIMENT-001 a group needs a name");
  }
}
