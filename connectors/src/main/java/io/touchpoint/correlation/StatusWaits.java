package io.touchpoint.correlation;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Status catch events that are waiting, recorded in the journey's own transaction. A wait whose
 * correlation failed carries its failed attempts and when it may be tried again.
 */
public class StatusWaits {

  /** A waiting catch whose status the ledger already holds. */
  public record ReachedWait(String deliveryId, DeliveryStatus status) {
  }

  /** What is recorded about one wait (the rows of a catch that waits twice for one status taken together). */
  public record Wait(String deliveryId, DeliveryStatus status, String processInstanceId, int attempts,
      Instant waitingSince) {

    Wait failedOnceMore() {
      return new Wait(deliveryId, status, processInstanceId, attempts + 1, waitingSince);
    }
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public StatusWaits(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public void register(String deliveryId, Collection<DeliveryStatus> statuses, String processInstanceId) {
    Instant now = clock.instant();
    for (DeliveryStatus status : statuses) {
      insert(deliveryId, status, processInstanceId, now, now);
    }
  }

  /** A wait given up on, waiting again with a fresh count of attempts, due now. */
  void restore(String deliveryId, DeliveryStatus status, String processInstanceId, Instant waitingSince) {
    insert(deliveryId, status, processInstanceId, waitingSince, clock.instant());
  }

  private void insert(String deliveryId, DeliveryStatus status, String processInstanceId, Instant createdAt,
      Instant due) {
    jdbc.sql("""
            insert into tp_status_wait (delivery_id, status, process_instance_id, created_at, attempts, next_attempt_at)
            values (?, ?, ?, ?, 0, ?)""")
        .params(deliveryId, status.name(), processInstanceId, utc(createdAt), utc(due)).update();
  }

  /** The statuses of a delivery that catch events are waiting for (committed waits only). */
  public Set<DeliveryStatus> awaited(String deliveryId) {
    EnumSet<DeliveryStatus> awaited = EnumSet.noneOf(DeliveryStatus.class);
    jdbc.sql("select status from tp_status_wait where delivery_id = ?").param(deliveryId)
        .query(String.class).list().forEach(status -> awaited.add(DeliveryStatus.valueOf(status)));
    return awaited;
  }

  /**
   * Whether a journey waits for a reply to a message sent to that address on that channel (for an
   * SMS, also to an RCS message that reached the number as SMS: its replies come as SMS).
   */
  public boolean replyAwaitedFrom(Channel channel, String address) {
    String asSms = channel == Channel.SMS
        ? " or (d.channel = 'RCS' and d.recipient = ? and d.delivered_via = 'SMS')" : "";
    List<Object> params = new ArrayList<>(List.of(DeliveryStatus.REPLIED.name(), channel.name(), address));
    if (channel == Channel.SMS) {
      params.add("rcs:" + address);
    }
    return jdbc.sql("""
            select count(*) from tp_status_wait w join tp_delivery d on d.id = w.delivery_id
            where w.status = ? and ((d.channel = ? and d.recipient = ?)%s)""".formatted(asSms))
        .params(params).query(Integer.class).single() > 0;
  }

  /**
   * Waits whose status has already been recorded and that are due: correlation still owed, e.g.
   * after a crash. The longest due come first, and a wait whose attempt failed is due again only
   * after its delay, so waits that keep failing cannot crowd out the others.
   */
  public List<ReachedWait> reached(int limit) {
    return jdbc.sql("""
            select w.delivery_id, w.status, min(w.next_attempt_at) due from tp_status_wait w
            join tp_delivery_status s on s.delivery_id = w.delivery_id and s.status = w.status
            where w.next_attempt_at <= ?
            group by w.delivery_id, w.status
            order by due
            fetch first ? rows only""")
        .params(utc(clock.instant()), limit)
        .query((rs, row) -> new ReachedWait(rs.getString(1), DeliveryStatus.valueOf(rs.getString(2))))
        .list();
  }

  /** The wait, holding its rows until the transaction ends. */
  Optional<Wait> lock(String deliveryId, DeliveryStatus status) {
    List<Wait> rows = jdbc.sql("""
            select process_instance_id, attempts, created_at from tp_status_wait
            where delivery_id = ? and status = ? for update""")
        .params(deliveryId, status.name())
        .query((rs, row) -> new Wait(deliveryId, status, rs.getString(1), rs.getInt(2),
            rs.getObject(3, OffsetDateTime.class).toInstant()))
        .list();
    return rows.stream().reduce((a, b) -> new Wait(deliveryId, status, a.processInstanceId(),
        Math.max(a.attempts(), b.attempts()),
        a.waitingSince().isBefore(b.waitingSince()) ? a.waitingSince() : b.waitingSince()));
  }

  /** Records the failed attempts so far and when to try again. */
  void recordFailure(Wait wait, String error, Instant nextAttempt) {
    jdbc.sql("""
            update tp_status_wait set attempts = ?, next_attempt_at = ?, last_error = ?
            where delivery_id = ? and status = ?""")
        .params(wait.attempts(), utc(nextAttempt), error, wait.deliveryId(), wait.status().name()).update();
  }

  public void remove(String deliveryId, DeliveryStatus status) {
    jdbc.sql("delete from tp_status_wait where delivery_id = ? and status = ?")
        .params(deliveryId, status.name()).update();
  }

  /** A journey that ended waits for nothing: neither its waits nor those given up on are kept. */
  public void removeForInstance(String processInstanceId) {
    jdbc.sql("delete from tp_status_wait where process_instance_id = ?")
        .param(processInstanceId).update();
    jdbc.sql("delete from tp_status_dead_letter where process_instance_id = ?")
        .param(processInstanceId).update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
