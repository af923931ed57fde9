package io.touchpoint.experiment.stats;

/**
 * How much a group's conversion rate differs from its reference's.
 *
 * @param value    the group's rate minus the reference's (a difference of fractions)
 * @param interval the always-valid confidence sequence for that difference at the comparison's level, within
 *                 [-1, 1]; it excludes 0 exactly when {@code pValue} is below that level
 * @param relative {@code value} / the reference's rate; null when the reference converted no one
 * @param pValue   the always-valid p-value of "no difference"
 */
public record Lift(double value, Interval interval, Double relative, double pValue) {
}
