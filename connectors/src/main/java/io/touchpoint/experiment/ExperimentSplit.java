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
  /** What an experiment key looks like: stable text an analyst types, such as {@code promo-first-message}. */
  public static final String KEY_FORMAT = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
  /** What a conversion window looks like: days, hours and minutes in ISO-8601, {@code P7D}, {@code PT12H}. */
  public static final String WINDOW_FORMAT = "P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?)?";
  /** What the Journey start's holdout looks like: a whole percentage from 0 to 50. */
  public static final String HOLDOUT_FORMAT = "[0-9]|[1-4][0-9]|50";
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
