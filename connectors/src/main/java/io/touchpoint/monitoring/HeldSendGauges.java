package io.touchpoint.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code touchpoint_sends_held{reason}}: sends the governor holds now, over all nodes, per reason. Read with one
 * grouped query on the ledger's outcome index, at most once per {@code refresh} however often it is scraped.
 */
public class HeldSendGauges implements MeterBinder {

  /** The reasons a send is held for (the governor's hold reasons). */
  static final List<String> REASONS = List.of("quiet-hours", "frequency-cap", "paused");

  private final JdbcClient jdbc;
  private final long refreshNanos;
  private Map<String, Long> held = Map.of();
  private long readAt;
  private boolean read;

  public HeldSendGauges(JdbcClient jdbc, Duration refresh) {
    this.jdbc = jdbc;
    this.refreshNanos = refresh.toNanos();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    REASONS.forEach(reason -> Gauge.builder("touchpoint.sends.held", this, gauges -> gauges.held(reason))
        .description("Sends the governor holds, over all nodes").tag("reason", reason).register(registry));
  }

  synchronized double held(String reason) {
    if (!read || System.nanoTime() - readAt > refreshNanos) {
      held = jdbc.sql("select outcome_code, count(*) from tp_delivery where outcome = 'HELD' group by outcome_code")
          .query((rs, row) -> Map.entry(String.valueOf(rs.getString(1)), rs.getLong(2))).list().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      readAt = System.nanoTime();
      read = true;
    }
    return held.getOrDefault(reason, 0L);
  }
}
