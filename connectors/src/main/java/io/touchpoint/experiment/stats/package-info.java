/**
 * The statistics of journey experiments (A/B/n splits and holdouts): plain Java, no Spring, no engine.
 *
 * <p>{@link io.touchpoint.experiment.stats.ExperimentStatistics#analyse} takes each group's counts
 * ({@link io.touchpoint.experiment.stats.VariantCounts}) and answers an
 * {@link io.touchpoint.experiment.stats.ExperimentAnalysis}: per group the conversion rate with its Wilson
 * score interval, the lift against the control (or, for the holdout, the journey's lift over the holdout)
 * with an always-valid confidence sequence, a decision that stays valid however often it is read, and a
 * sample ratio mismatch check. The method, its assumptions and how to read the numbers are in
 * {@code docs/experiments.md}.
 */
package io.touchpoint.experiment.stats;
