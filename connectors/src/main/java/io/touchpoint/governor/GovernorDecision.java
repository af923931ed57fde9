package io.touchpoint.governor;

import java.time.Instant;

/** What the governor says of a send: let it go, hold it until a moment, or suppress it for good. */
public sealed interface GovernorDecision {

  /** Send now. */
  record Release() implements GovernorDecision {
  }

  /**
   * Hold until {@code until}, then ask again.
   *
   * @param reason {@code quiet-hours}, {@code frequency-cap} or {@code paused}
   */
  record Hold(Instant until, String reason) implements GovernorDecision {
  }

  /** Do not send: it would be held longer than its task allows. */
  record Suppress(String reason) implements GovernorDecision {
  }
}
