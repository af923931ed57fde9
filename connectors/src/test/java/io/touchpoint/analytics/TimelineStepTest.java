package io.touchpoint.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineStepTest {

  static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T12:34:56Z");

  @Test
  void longerRangesHaveLongerPointsSoAChartStaysReadable() {
    assertThat(TimelineStep.forRange(WEDNESDAY_NOON, WEDNESDAY_NOON.plus(Duration.ofDays(2)))).isEqualTo(TimelineStep.HOUR);
    assertThat(TimelineStep.forRange(WEDNESDAY_NOON, WEDNESDAY_NOON.plus(Duration.ofDays(3)))).isEqualTo(TimelineStep.DAY);
    assertThat(TimelineStep.forRange(WEDNESDAY_NOON, WEDNESDAY_NOON.plus(Duration.ofDays(92)))).isEqualTo(TimelineStep.DAY);
    assertThat(TimelineStep.forRange(WEDNESDAY_NOON, WEDNESDAY_NOON.plus(Duration.ofDays(93)))).isEqualTo(TimelineStep.WEEK);
    assertThat(TimelineStep.forRange(WEDNESDAY_NOON, WEDNESDAY_NOON.plus(Duration.ofDays(800)))).isEqualTo(TimelineStep.MONTH);
  }

  @Test
  void pointsStartOnTheHourTheDayMondayOrTheFirstOfTheMonthInUtc() {
    assertThat(TimelineStep.HOUR.start(WEDNESDAY_NOON)).isEqualTo("2026-11-25T12:00:00Z");
    assertThat(TimelineStep.DAY.start(WEDNESDAY_NOON)).isEqualTo("2026-11-25T00:00:00Z");
    assertThat(TimelineStep.WEEK.start(WEDNESDAY_NOON)).isEqualTo("2026-11-23T00:00:00Z");
    assertThat(TimelineStep.MONTH.start(WEDNESDAY_NOON)).isEqualTo("2026-11-01T00:00:00Z");
  }

  @Test
  void aMonthlyPointLastsItsCalendarMonth() {
    assertThat(TimelineStep.MONTH.next(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-02-01T00:00:00Z");
    assertThat(TimelineStep.MONTH.next(Instant.parse("2026-02-01T00:00:00Z"))).isEqualTo("2026-03-01T00:00:00Z");
    assertThat(TimelineStep.WEEK.next(Instant.parse("2026-11-23T00:00:00Z"))).isEqualTo("2026-11-30T00:00:00Z");
  }
}
