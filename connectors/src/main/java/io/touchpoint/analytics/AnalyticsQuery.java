package io.touchpoint.analytics;

import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters of the analytics REST calls ({@code /api/analytics} and the Cockpit plugin's), read
 * strictly: every value that cannot be read is named in one 400 answer, never silently ignored.
 *
 * <p>{@code from} and {@code to}: an ISO-8601 instant
 * ({@code 2026-11-01T00:00:00Z}, or with an offset) or a date ({@code 2026-11-01}, midnight UTC), from 1970-01-01
 * to 9999-12-31; {@code to} is exclusive.
 *
 * @param version null for all versions together
 */
public record AnalyticsQuery(AnalyticsRange range, Integer version) {

  /** The earliest {@code from} or {@code to}: both are stored as SQL timestamps, which do not reach every instant. */
  static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  /** The latest {@code from} or {@code to}. */
  static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");
  private static final int MAX_ECHO = 100;

  public static AnalyticsQuery read(String from, String to, String machineOpens, String version) {
    List<FieldProblem> problems = new ArrayList<>();
    Instant start = instant("from", from, problems);
    Instant end = instant("to", to, problems);
    boolean includeMachineOpens = flag("machineOpens", machineOpens, problems);
    if (start != null && end != null && !start.isBefore(end)) {
      problems.add(new FieldProblem("to", "must be after 'from'"));
    }
    Integer parsedVersion = version(version, problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    return new AnalyticsQuery(new AnalyticsRange(start, end, includeMachineOpens), parsedVersion);
  }

  private static Instant instant(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      Instant instant = text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : OffsetDateTime.parse(text).toInstant();
      if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
        problems.add(new FieldProblem(field, "must be between " + EARLIEST + " and " + LATEST + ", was '"
            + echo(value) + "'"));
        return null;
      }
      return instant;
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem(field,
          "must be an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01), was '" + echo(value) + "'"));
      return null;
    }
  }

  /** A refused value as the answer repeats it: its start only, so a huge parameter is not sent back whole. */
  private static String echo(String value) {
    return value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "…" : value;
  }

  private static boolean flag(String field, String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank() || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    problems.add(new FieldProblem(field, "must be true or false, was '" + echo(value) + "'"));
    return false;
  }

  private static Integer version(String value, List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, like a version below 1
    }
    problems.add(new FieldProblem("version", "must be a version number (1, 2, ...), was '" + echo(value) + "'"));
    return null;
  }
}
