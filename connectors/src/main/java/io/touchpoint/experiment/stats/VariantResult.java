package io.touchpoint.experiment.stats;

/**
 * One group's figures and, unless it is the control, its comparison.
 *
 * @param rate     converted / entered, 0 when none entered
 * @param interval the Wilson score interval of the rate at the experiment's confidence level; [0, 1] when none
 *                 entered
 * @param lift     for a variant, its lift over the control; for the holdout, the lift of the journey's treated
 *                 population (every variant, the control included) over the holdout; null for the control
 * @param decision read from {@code lift}'s interval; null for the control
 */
public record VariantResult(String name, double weight, long entered, long converted, double rate,
    Interval interval, Lift lift, Decision decision) {
}
