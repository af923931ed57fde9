package io.touchpoint.analytics;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * How long one point of a journey's timeline is (UTC), chosen by the range so a chart has a readable
 * number of points: hours up to 2 days, days up to 92, weeks (from Monday) up to two years, then months.
 */
enum TimelineStep {
  HOUR, DAY, WEEK, MONTH;

  static TimelineStep forRange(Instant from, Instant to) {
    Duration range = Duration.between(from, to);
    if (range.compareTo(Duration.ofDays(2)) <= 0) {
      return HOUR;
    }
    if (range.compareTo(Duration.ofDays(92)) <= 0) {
      return DAY;
    }
    return range.compareTo(Duration.ofDays(2 * 366)) <= 0 ? WEEK : MONTH;
  }

  /** The start of the point {@code instant} falls in. */
  Instant start(Instant instant) {
    return switch (this) {
      case HOUR -> instant.truncatedTo(ChronoUnit.HOURS);
      case DAY -> instant.truncatedTo(ChronoUnit.DAYS);
      case WEEK -> day(instant).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC)
          .toInstant();
      case MONTH -> day(instant).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    };
  }

  /** The start of the point after the one starting at {@code start}. */
  Instant next(Instant start) {
    return switch (this) {
      case HOUR -> start.plus(1, ChronoUnit.HOURS);
      case DAY -> start.plus(1, ChronoUnit.DAYS);
      case WEEK -> start.plus(7, ChronoUnit.DAYS);
      case MONTH -> day(start).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    };
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
