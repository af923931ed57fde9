package io.touchpoint.experiment;

import java.time.Duration;

/**
 * One experiment of a journey, as its split declares it.
 *
 * @param key              the experiment's key; assignments are sticky per key and contact
 * @param weights          the variants and their weights
 * @param conversionWindow how long after the assignment the journey's goal counts as a conversion
 * @param conversionEvent  the journey's goal: the business event that leads to an end marked {@code goal}
 */
public record ExperimentSplit(String key, VariantWeights weights, Duration conversionWindow, String conversionEvent) {

  public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
  /** The group of held-out contacts. */
  public static final String HOLDOUT = "holdout";

  /**
   * The experiment a journey with a holdout but no split runs: the journey itself, as the control, against the
   * holdout.
   */
  public static ExperimentSplit wholeJourney(String journeyKey, String conversionEvent) {
    return new ExperimentSplit(journeyKey, VariantWeights.parse(VariantWeights.CONTROL + "=100"), DEFAULT_WINDOW,
        conversionEvent);
  }
}
