package io.touchpoint.experiment.stats;

/** What a comparison says about a group against its reference, read from the lift's confidence sequence. */
public enum Decision {
  /** The whole interval of the lift is above 0: the group converts better than its reference. */
  BETTER("better"),
  /** The whole interval of the lift is below 0: the group converts worse than its reference. */
  WORSE("worse"),
  /** The interval contains 0: no difference shown (yet). */
  INCONCLUSIVE("inconclusive");

  private final String wireName;

  Decision(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static Decision of(Interval lift) {
    if (lift.lower() > 0) {
      return BETTER;
    }
    return lift.upper() < 0 ? WORSE : INCONCLUSIVE;
  }
}
