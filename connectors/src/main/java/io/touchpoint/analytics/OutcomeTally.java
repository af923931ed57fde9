package io.touchpoint.analytics;

import io.touchpoint.analytics.InstanceOutcomes.Durations;
import io.touchpoint.analytics.InstanceOutcomes.EndingCount;
import io.touchpoint.journey.JourneyOutcome;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Counts of instances by what became of them; {@code started} is their sum. Every instance is exactly one of
 * active, completed, dropped off or held out (see {@link JourneyMetrics}).
 */
final class OutcomeTally {

  private long started;
  private long active;
  private long completed;
  private long dropOffs;
  private long incidents;
  private long goals;
  private long heldOut;

  /** Counts the instances of {@code row}, read against the version they ran. */
  void add(EndingCount row, JourneyModel model) {
    long n = row.instances();
    started += n;
    switch (row.state()) {
      case "ACTIVE", "SUSPENDED" -> {
        if (row.incident()) {
          dropOffs += n;
          incidents += n;
        } else {
          active += n;
        }
      }
      // cancelled: the engine says INTERNALLY_TERMINATED for a deleteProcessInstance too
      case "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED" -> dropOffs += n;
      default -> {
        if (model.heldOutAt(row.endActivityId())) {
          heldOut += n;
          return;
        }
        JourneyOutcome outcome = model.outcomeAt(row.endActivityId()).orElse(JourneyOutcome.COMPLETED);
        if (outcome == JourneyOutcome.GOAL) {
          completed += n;
          goals += n;
        } else if (outcome == JourneyOutcome.DROP_OFF || row.optedOut()) {
          dropOffs += n;
        } else {
          completed += n;
        }
      }
    }
  }

  /** Adds another tally's instances to this one. */
  void add(OutcomeTally other) {
    started += other.started;
    active += other.active;
    completed += other.completed;
    dropOffs += other.dropOffs;
    incidents += other.incidents;
    goals += other.goals;
    heldOut += other.heldOut;
  }

  /** @param versions every deployed version of the journey, ascending */
  JourneyMetrics metrics(List<ProcessDefinition> versions, Durations durations) {
    ProcessDefinition newest = versions.get(versions.size() - 1);
    String name = newest.getName() == null || newest.getName().isBlank() ? newest.getKey() : newest.getName();
    return new JourneyMetrics(newest.getKey(), name, versions.stream().map(ProcessDefinition::getVersion).toList(),
        started, active, completed, dropOffs, incidents, goals,
        started == heldOut ? 0 : (double) goals / (started - heldOut), durations.averageSeconds(),
        durations.p90Seconds(), heldOut);
  }

  TimelinePoint point(Instant start) {
    return new TimelinePoint(start, started, completed, dropOffs, goals);
  }
}
