package io.touchpoint.testapp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/**
 * Touchpoint's clock in the tests: the system's, moved forward when a test lets time pass for
 * Touchpoint's own schedules (retry delays, the link scanner window). The engine keeps its own
 * clock ({@code ClockUtil}).
 */
@Component
public class TestClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  public void advance(Duration duration) {
    offset = offset.plus(duration);
  }

  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("Touchpoint's clock is UTC");
  }
}
