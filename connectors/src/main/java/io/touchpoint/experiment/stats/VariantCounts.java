package io.touchpoint.experiment.stats;

import io.touchpoint.error.ErrorCode;

/**
 * What one group of an experiment has counted so far.
 *
 * @param name      the group's name, unique within the experiment
 * @param weight    its share of the assignment, relative to the other groups' (weights need not sum to 1)
 * @param entered   contacts assigned to the group
 * @param converted of those, contacts who reached the goal
 */
public record VariantCounts(String name, double weight, long entered, long converted) {

  public VariantCounts {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(ErrorCode.EXPERIMENT_001 + " a group needs a name");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(ErrorCode.EXPERIMENT_002 + " group '" + name
          + "': weight must be a positive number, not " + weight);
    }
    if (entered < 0 || converted < 0 || converted > entered) {
      throw new IllegalArgumentException(ErrorCode.EXPERIMENT_003 + " group '" + name + "': converted (" + converted
          + ") must be between 0 and entered (" + entered + ")");
    }
  }

  /** converted / entered; 0 when none entered. */
  public double rate() {
    return entered == 0 ? 0 : (double) converted / entered;
  }
}
