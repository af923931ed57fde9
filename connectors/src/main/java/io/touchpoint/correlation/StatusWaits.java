package io.touchpoint.correlation;

import io.touchpoint.delivery.DeliveryStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Status catch events that are waiting, recorded in the journey's own transaction. */
public class StatusWaits {

  /** A waiting catch whose status the ledger already holds. */
  public record ReachedWait(String deliveryId, DeliveryStatus status) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public StatusWaits(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void register(String deliveryId, Collection<DeliveryStatus> statuses, String processInstanceId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (DeliveryStatus status : statuses) {
      jdbc.sql("""
              insert into tp_status_wait (delivery_id, status, process_instance_id, created_at)
              values (?, ?, ?, ?)""")
          .params(deliveryId, status.name(), processInstanceId, now).update();
    }
  }

  /** The statuses of a delivery that catch events are waiting for (committed waits only). */
  public Set<DeliveryStatus> awaited(String deliveryId) {
    EnumSet<DeliveryStatus> awaited = EnumSet.noneOf(DeliveryStatus.class);
    jdbc.sql("select status from tp_status_wait where delivery_id = ?").param(deliveryId)
        .query(String.class).list().forEach(status -> awaited.add(DeliveryStatus.valueOf(status)));
    return awaited;
  }

  /** Waits whose status has already been recorded: correlation still owed, e.g. after a crash. */
  public List<ReachedWait> reached(int limit) {
    return jdbc.sql("""
            select distinct w.delivery_id, w.status, w.created_at from tp_status_wait w
            join tp_delivery_status s on s.delivery_id = w.delivery_id and s.status = w.status
            order by w.created_at
            fetch first ? rows only""")
        .param(limit)
        .query((rs, row) -> new ReachedWait(rs.getString(1), DeliveryStatus.valueOf(rs.getString(2))))
        .list();
  }

  public void remove(String deliveryId, DeliveryStatus status) {
    jdbc.sql("delete from tp_status_wait where delivery_id = ? and status = ?")
        .params(deliveryId, status.name()).update();
  }

  public void removeForInstance(String processInstanceId) {
    jdbc.sql("delete from tp_status_wait where process_instance_id = ?")
        .param(processInstanceId).update();
  }
}
