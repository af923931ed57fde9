package io.touchpoint.governor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A daily window, in the contact's own time zone, in which marketing sends are held; it may wrap midnight
 * ({@code 21:00-08:00}). Computed on local dates, so a window that a DST change shortens or lengthens still ends at
 * its local end time (a local time the change skips is read as the moment just after the gap).
 */
public record QuietHours(LocalTime start, LocalTime end) {

  public QuietHours {
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours start and end at " + start + ": an empty window");
    }
  }

  /** Reads {@code HH:MM-HH:MM}. */
  public static QuietHours parse(String text) {
    String[] bounds = text.trim().split("-");
    if (bounds.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not HH:MM-HH:MM");
    }
    try {
      return new QuietHours(LocalTime.parse(bounds[0].trim()), LocalTime.parse(bounds[1].trim()));
    } catch (DateTimeParseException notATime) {
      throw new IllegalArgumentException("'" + text + "' is not HH:MM-HH:MM", notATime);
    }
  }

  /** When the window that {@code now} falls in ends, in that zone; empty when {@code now} is outside it. */
  public Optional<Instant> endOfWindowAround(Instant now, ZoneId zone) {
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    LocalDate today = local.toLocalDate();
    boolean wraps = start.isAfter(end);
    if (!wraps) {
      return !time.isBefore(start) && time.isBefore(end) ? Optional.of(at(today, end, zone)) : Optional.empty();
    }
    if (!time.isBefore(start)) {
      return Optional.of(at(today.plusDays(1), end, zone));
    }
    return time.isBefore(end) ? Optional.of(at(today, end, zone)) : Optional.empty();
  }

  private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
