package io.touchpoint.analytics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A journey's course over time: the hourly tallies of its instances gathered into points of a
 * {@link TimelineStep} chosen by the range, with a point for every step of the range, empty ones too.
 */
final class Timeline {

  private final Clock clock;

  Timeline(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param byHour what became of the instances, per hour they started in, ascending
   * @return no points when nothing started and the range has no start
   */
  List<TimelinePoint> points(Map<Instant, OutcomeTally> byHour, AnalyticsRange range) {
    if (byHour.isEmpty() && range.from() == null) {
      return List.of();
    }
    Instant first = range.from() != null ? range.from() : byHour.keySet().iterator().next();
    Instant end = range.to() != null ? range.to() : clock.instant();
    TimelineStep step = TimelineStep.forRange(first, end);
    Map<Instant, OutcomeTally> buckets = new TreeMap<>();
    for (Instant bucket = step.start(first); bucket.isBefore(end); bucket = step.next(bucket)) {
      buckets.put(bucket, new OutcomeTally());
    }
    byHour.forEach((hour, tally) -> buckets.computeIfAbsent(step.start(hour), b -> new OutcomeTally()).add(tally));
    List<TimelinePoint> points = new ArrayList<>();
    buckets.forEach((start, tally) -> points.add(tally.point(start)));
    return points;
  }
}
