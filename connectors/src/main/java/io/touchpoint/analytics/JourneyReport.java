package io.touchpoint.analytics;

import java.util.List;

/** One journey in detail: its figures, their course over time, each channel step and each branch. */
public record JourneyReport(JourneyMetrics summary, List<TimelinePoint> timeline, List<ComponentMetrics> components,
    List<BranchShare> branches) {

  public JourneyReport {
    timeline = List.copyOf(timeline);
    components = List.copyOf(components);
    branches = List.copyOf(branches);
  }
}
