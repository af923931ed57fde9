package io.touchpoint.experiment.stats;

/** A two-sided interval, {@code lower <= upper}. */
public record Interval(double lower, double upper) {
}
