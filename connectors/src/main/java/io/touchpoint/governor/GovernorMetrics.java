package io.touchpoint.governor;

/**
 * Where the governor's decisions are counted ({@code touchpoint_governor_decisions_total{decision,reason}}). The
 * governor reports each decision it makes; without a metrics registry nothing is counted.
 */
public interface GovernorMetrics {

  GovernorMetrics NONE = decision -> {
  };

  void decided(GovernorDecision decision);

  /** {@code release}, {@code hold} or {@code suppress}. */
  static String nameOf(GovernorDecision decision) {
    return decision instanceof GovernorDecision.Hold ? "hold"
        : decision instanceof GovernorDecision.Suppress ? "suppress" : "release";
  }

  /** Why: a hold's or suppression's reason; {@code none} for a release. */
  static String reasonOf(GovernorDecision decision) {
    return decision instanceof GovernorDecision.Hold hold ? hold.reason()
        : decision instanceof GovernorDecision.Suppress suppress ? suppress.reason() : "none";
  }
}
