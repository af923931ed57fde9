package io.touchpoint.tracking;

import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which email's unsubscribe link was followed, once per delivery, so analytics can credit the step that lost
 * the contact ({@code tp_opt_out} only keeps the address, and forgets it when the contact opts in again).
 */
public class Unsubscribes {

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final Clock clock;

  public Unsubscribes(JdbcClient jdbc, InsertOnce insertOnce, Clock clock) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.clock = clock;
  }

  public void record(String deliveryId) {
    insertOnce.insert(() -> jdbc.sql("insert into tp_unsubscribe (delivery_id, unsubscribed_at) values (?, ?)")
        .params(deliveryId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
  }
}
