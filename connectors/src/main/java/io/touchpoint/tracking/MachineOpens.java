package io.touchpoint.tracking;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Opens by image proxies that fetch every image on arrival. Kept apart from the OPENED status, so
 * they neither move a journey nor count as reads, while analytics can still show them.
 */
public class MachineOpens {

  private final JdbcClient jdbc;
  private final Clock clock;

  public MachineOpens(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void record(String deliveryId, String userAgent) {
    jdbc.sql("insert into tp_machine_open (delivery_id, user_agent, opened_at) values (?, ?, ?)")
        .params(deliveryId, userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent,
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
  }

  public int count(String deliveryId) {
    return jdbc.sql("select count(*) from tp_machine_open where delivery_id = ?").param(deliveryId)
        .query(Integer.class).single();
  }
}
