package io.touchpoint.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.touchpoint.experiment.stats.Interval;
import io.touchpoint.experiment.stats.Lift;
import io.touchpoint.experiment.stats.Srm;
import io.touchpoint.experiment.stats.VariantResult;
import java.util.List;

/**
 * One experiment of a journey at this look ({@code GET /api/analytics/journeys/{key}/experiments}); the
 * meaning of every figure is in docs/experiments.md.
 *
 * @param key             the experiment's key (the journey's key for a holdout without a split)
 * @param conversionEvent the journey's goal event that counts as a conversion
 * @param variants        every variant, the control included, in the split's order
 * @param holdout         the journey's holdout; null when it has none
 * @param srm             the sample ratio check over the variants and the holdout
 */
public record ExperimentReport(String key, String conversionEvent, List<Group> variants,
    @JsonInclude(JsonInclude.Include.ALWAYS) Group holdout, SrmCheck srm) {

  public ExperimentReport {
    variants = List.copyOf(variants);
  }

  /**
   * One group: rates are fractions, intervals 95 %; {@code lift} and {@code decision} are null for the control.
   *
   * @param weight the group's share of the journey's contacts (a fraction; with a holdout, of all contacts)
   */
  public record Group(String name, double weight, long entered, long converted, double rate,
      List<Double> interval, GroupLift lift, String decision) {

    static Group of(VariantResult result) {
      Lift lift = result.lift();
      return new Group(result.name(), result.weight(), result.entered(), result.converted(), result.rate(),
          bounds(result.interval()),
          lift == null ? null : new GroupLift(lift.value(), bounds(lift.interval()), lift.relative(), lift.pValue()),
          result.decision() == null ? null : result.decision().wireName());
    }
  }

  /** The absolute difference of the rate against the control's, its always-valid interval, relative lift, p. */
  public record GroupLift(double value, List<Double> interval, Double relative, double pValue) {
  }

  public record SrmCheck(Double pValue, boolean flagged) {

    static SrmCheck of(Srm srm) {
      return new SrmCheck(srm.pValue(), srm.flagged());
    }
  }

  private static List<Double> bounds(Interval interval) {
    return List.of(interval.lower(), interval.upper());
  }
}
