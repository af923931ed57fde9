package io.touchpoint.pipeline;

import java.time.Duration;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How often, and how far apart, a send whose provider failed for a passing reason is tried: the task's
 * "Retries" field, an ISO-8601 repeating interval such as {@code R3/PT5M} — as Camunda reads it for a job,
 * 3 attempts in all, 5 minutes apart, then an incident. Without the field, Camunda's default: 3 attempts at once.
 */
public record RetryPlan(int retries, Duration interval) {

  /** The activity property the parse listener stores the plan under. */
  public static final String PROPERTY = "touchpoint.retryPlan";
  public static final RetryPlan DEFAULT = new RetryPlan(3, Duration.ZERO);

  private static final Pattern CYCLE = Pattern.compile("R(\\d+)/P((?:\\d+[YMWD])*)(?:T(.+))?");

  /** @throws IllegalArgumentException when the text is not a repeating interval */
  public static RetryPlan parse(String cycle) {
    Matcher matcher = CYCLE.matcher(cycle);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a repeating interval: " + cycle);
    }
    Duration interval = Duration.ZERO;
    if (!matcher.group(2).isEmpty()) {
      Period period = Period.parse("P" + matcher.group(2));
      interval = interval.plusDays(period.toTotalMonths() * 30 + period.getDays());
    }
    if (matcher.group(3) != null) {
      interval = interval.plus(Duration.parse("PT" + matcher.group(3)));
    }
    return new RetryPlan(Integer.parseInt(matcher.group(1)), interval);
  }

  /** Attempts left after {@code attempts} attempts: 0 makes the next failure's job an incident. */
  public int retriesLeft(int attempts) {
    return Math.max(0, retries - attempts);
  }
}
