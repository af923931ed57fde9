package io.touchpoint.experiment.stats;

import io.touchpoint.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses an experiment's counts at one look: every variant against the control, the holdout (if any)
 * against the journey's treated population, and the sample ratio check. Stateless: the same counts give the
 * same answer, whenever and however often it is asked.
 *
 * <p>With several variants, each is compared with the control at {@code alpha / (variants - 1)} (Bonferroni),
 * so that the chance of any wrong {@code better} or {@code worse} among them stays below {@code alpha}. The
 * holdout comparison answers a separate question ("does the journey work at all") at {@code alpha}.
 */
public final class ExperimentStatistics {

  private ExperimentStatistics() {
  }

  /**
   * @param variants    every variant, the control included
   * @param controlName the name of the variant the others are compared with
   * @param alpha       the error rate of the decisions (0.05 for 95 % intervals)
   * @throws IllegalArgumentException when {@code alpha} is not between 0 and 1, the control is not among the
   *                                  variants, or two groups share a name
   */
  public static ExperimentAnalysis analyse(List<VariantCounts> variants, String controlName, double alpha) {
    return analyse(variants, controlName, Optional.empty(), alpha);
  }

  /**
   * As {@link #analyse(List, String, double)}, with a holdout group: contacts kept out of the journey.
   */
  public static ExperimentAnalysis analyse(List<VariantCounts> variants, String controlName, VariantCounts holdout,
      double alpha) {
    return analyse(variants, controlName, Optional.of(Objects.requireNonNull(holdout, "holdout")), alpha);
  }

  private static ExperimentAnalysis analyse(List<VariantCounts> variants, String controlName,
      Optional<VariantCounts> holdout, double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException(ErrorCode.EXPERIMENT_004 + " alpha must be between 0 and 1, not " + alpha);
    }
    List<VariantCounts> groups = new ArrayList<>(variants);
    holdout.ifPresent(groups::add);
    requireUniqueNames(groups);
    VariantCounts control = variants.stream().filter(variant -> variant.name().equals(controlName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(ErrorCode.EXPERIMENT_005 + " the control '" + controlName
            + "' is not among the variants"));

    AlwaysValidComparison againstControl = new AlwaysValidComparison(alpha / Math.max(1, variants.size() - 1));
    List<VariantResult> results = variants.stream()
        .map(variant -> variant.name().equals(controlName) ? reference(variant, alpha)
            : compared(variant, againstControl.compare(control, variant), alpha))
        .toList();
    VariantResult holdoutResult = holdout
        .map(group -> compared(group, new AlwaysValidComparison(alpha).compare(group, treated(variants)), alpha))
        .orElse(null);
    return new ExperimentAnalysis(results, holdoutResult, Srm.check(groups));
  }

  private static void requireUniqueNames(List<VariantCounts> groups) {
    Set<String> names = new HashSet<>();
    for (VariantCounts group : groups) {
      if (!names.add(group.name())) {
        throw new IllegalArgumentException(ErrorCode.EXPERIMENT_006 + " two groups are named '" + group.name() + "'");
      }
    }
  }

  /** Everyone who went through the journey, whichever variant. */
  private static VariantCounts treated(List<VariantCounts> variants) {
    return new VariantCounts("treated", variants.stream().mapToDouble(VariantCounts::weight).sum(),
        variants.stream().mapToLong(VariantCounts::entered).sum(),
        variants.stream().mapToLong(VariantCounts::converted).sum());
  }

  private static VariantResult reference(VariantCounts group, double alpha) {
    return new VariantResult(group.name(), group.weight(), group.entered(), group.converted(), group.rate(),
        WilsonScore.interval(group.converted(), group.entered(), alpha), null, null);
  }

  private static VariantResult compared(VariantCounts group, Lift lift, double alpha) {
    return new VariantResult(group.name(), group.weight(), group.entered(), group.converted(), group.rate(),
        WilsonScore.interval(group.converted(), group.entered(), alpha), lift, Decision.of(lift.interval()));
  }
}
