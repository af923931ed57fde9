package io.touchpoint.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulated experiments read every day for 30 days, as an analyst watching a dashboard would: the decisions
 * must keep their error rate however often they are read, and still find a real difference. Seeds are fixed,
 * so every run of this test sees the same experiments.
 */
class PeekingSimulationTest {

  static final double ALPHA = 0.05;
  static final int DAYS = 30;

  /** One group of a simulated experiment: its share of the entrants and the rate at which they truly convert. */
  record Group(String name, double weight, double trueRate) {
  }

  @ParameterizedTest(name = "{0} entrants a day converting at {1}")
  @CsvSource({"1000, 0.05", "200, 0.01", "100, 0.30"})
  void withNoTrueDifferenceDailyPeekingCallsAWinnerNoMoreOftenThanAlpha(int entrantsPerDay, double rate) {
    Experiment aa = new Experiment(List.of(new Group("control", 1, rate), new Group("b", 1, rate)), null,
        entrantsPerDay);

    double falsePositives = aa.shareOfRuns(2_000, 17, analysis -> called(analysis.variants().get(1)));

    assertThat(falsePositives).isLessThanOrEqualTo(ALPHA + binomialMargin(ALPHA, 2_000));
  }

  @Test
  void withSeveralVariantsAndAHoldoutNoneOfTheQuestionsIsWronglyAnsweredMoreOftenThanAlpha() {
    Experiment aaa = new Experiment(List.of(new Group("control", 0.3, 0.05), new Group("b", 0.3, 0.05),
        new Group("c", 0.3, 0.05)), new Group("holdout", 0.1, 0.05), 1_500);
    List<Predicate<ExperimentAnalysis>> questions = List.of(
        analysis -> analysis.variants().stream().anyMatch(PeekingSimulationTest::called),
        analysis -> called(analysis.holdout()),
        analysis -> analysis.srm().flagged());

    double[] shares = aaa.shareOfRuns(2_000, 29, questions);

    assertThat(shares[0]).as("any variant called").isLessThanOrEqualTo(ALPHA + binomialMargin(ALPHA, 2_000));
    assertThat(shares[1]).as("the journey called").isLessThanOrEqualTo(ALPHA + binomialMargin(ALPHA, 2_000));
    // 30 looks at Srm.THRESHOLD: at most 3 % by the union bound.
    double srmBound = DAYS * Srm.THRESHOLD;
    assertThat(shares[2]).as("sample ratio flagged").isLessThanOrEqualTo(srmBound + binomialMargin(srmBound, 2_000));
  }

  /**
   * 5 % against 6 % (a 20 % relative lift), 1,000 entrants a day in each group: a fixed-sample test planned for
   * 80 % power would need about 8,100 per group; 30 days bring 30,000.
   */
  @Test
  void aRealTwentyPercentLiftIsFoundInAtLeastEightyPercentOfRuns() {
    Experiment ab = new Experiment(List.of(new Group("control", 1, 0.05), new Group("b", 1, 0.06)), null, 2_000);
    List<Predicate<ExperimentAnalysis>> questions = List.of(
        analysis -> analysis.variants().get(1).decision() == Decision.BETTER,
        analysis -> analysis.variants().get(1).decision() == Decision.WORSE,
        analysis -> !covers(analysis.variants().get(1).lift().interval(), 0.01));

    double[] shares = ab.shareOfRuns(1_000, 41, questions);

    assertThat(shares[0]).as("found better").isGreaterThanOrEqualTo(0.80);
    assertThat(shares[1]).as("called worse").isLessThanOrEqualTo(ALPHA);
    assertThat(shares[2]).as("the true lift outside the interval at some look")
        .isLessThanOrEqualTo(ALPHA + binomialMargin(ALPHA, 1_000));
  }

  @Test
  void aJourneyThatWorksIsFoundAgainstItsHoldout() {
    Experiment journeyWorks = new Experiment(List.of(new Group("control", 0.9, 0.06)), new Group("holdout", 0.1, 0.05),
        5_000);

    double found = journeyWorks.shareOfRuns(300, 53, analysis -> analysis.holdout().decision() == Decision.BETTER);

    assertThat(found).isGreaterThanOrEqualTo(0.80);
  }

  static boolean called(VariantResult result) {
    return result.decision() != null && result.decision() != Decision.INCONCLUSIVE;
  }

  static boolean covers(Interval interval, double value) {
    return interval.lower() <= value && value <= interval.upper();
  }

  /** Three standard errors of a share estimated from {@code runs} runs when its true value is {@code p}. */
  static double binomialMargin(double p, int runs) {
    return 3 * Math.sqrt(p * (1 - p) / runs);
  }

  /**
   * Entrants arrive each day, are assigned to a group at random by weight and convert at their group's true
   * rate at once (a journey's conversions come later; that only delays the counts, it does not bias them).
   */
  record Experiment(List<Group> variants, Group holdout, int entrantsPerDay) {

    double shareOfRuns(int runs, long seed, Predicate<ExperimentAnalysis> atSomeLook) {
      return shareOfRuns(runs, seed, List.of(atSomeLook))[0];
    }

    /** For each question, the share of runs in which it was true at one daily look or more. */
    double[] shareOfRuns(int runs, long seed, List<Predicate<ExperimentAnalysis>> atSomeLook) {
      List<Group> groups = new ArrayList<>(variants);
      if (holdout != null) {
        groups.add(holdout);
      }
      double[] cumulativeShare = new double[groups.size()];
      double totalWeight = groups.stream().mapToDouble(Group::weight).sum();
      double sum = 0;
      for (int i = 0; i < groups.size(); i++) {
        sum += groups.get(i).weight() / totalWeight;
        cumulativeShare[i] = sum;
      }
      cumulativeShare[groups.size() - 1] = 1;
      SplittableRandom random = new SplittableRandom(seed);
      int[] runsWhereTrue = new int[atSomeLook.size()];
      for (int run = 0; run < runs; run++) {
        long[] entered = new long[groups.size()];
        long[] converted = new long[groups.size()];
        boolean[] seen = new boolean[atSomeLook.size()];
        for (int day = 0; day < DAYS; day++) {
          for (int entrant = 0; entrant < entrantsPerDay; entrant++) {
            double uniform = random.nextDouble();
            int group = assign(uniform, cumulativeShare);
            entered[group]++;
            // Where the draw fell within its group's share is itself uniform, and independent of the group.
            double from = group == 0 ? 0 : cumulativeShare[group - 1];
            if ((uniform - from) / (cumulativeShare[group] - from) < groups.get(group).trueRate()) {
              converted[group]++;
            }
          }
          ExperimentAnalysis analysis = analyse(groups, entered, converted);
          for (int q = 0; q < seen.length; q++) {
            seen[q] |= atSomeLook.get(q).test(analysis);
          }
        }
        for (int q = 0; q < seen.length; q++) {
          runsWhereTrue[q] += seen[q] ? 1 : 0;
        }
      }
      double[] shares = new double[runsWhereTrue.length];
      for (int q = 0; q < shares.length; q++) {
        shares[q] = (double) runsWhereTrue[q] / runs;
      }
      return shares;
    }

    private ExperimentAnalysis analyse(List<Group> groups, long[] entered, long[] converted) {
      List<VariantCounts> counts = new ArrayList<>();
      for (int i = 0; i < groups.size(); i++) {
        counts.add(new VariantCounts(groups.get(i).name(), groups.get(i).weight(), entered[i], converted[i]));
      }
      List<VariantCounts> variantCounts = counts.subList(0, variants.size());
      String control = variants.get(0).name();
      return holdout == null ? ExperimentStatistics.analyse(variantCounts, control, ALPHA)
          : ExperimentStatistics.analyse(variantCounts, control, counts.get(variants.size()), ALPHA);
    }

    private static int assign(double uniform, double[] cumulativeShare) {
      for (int i = 0; i < cumulativeShare.length - 1; i++) {
        if (uniform < cumulativeShare[i]) {
          return i;
        }
      }
      return cumulativeShare.length - 1;
    }
  }
}
