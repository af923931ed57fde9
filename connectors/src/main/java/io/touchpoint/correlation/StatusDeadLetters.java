package io.touchpoint.correlation;

import io.touchpoint.correlation.StatusWaits.Wait;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.store.InsertOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Waits given up on: their status was recorded, but every attempt to correlate it failed. An
 * operator sees them, and retries one (it waits again, with a fresh count of attempts) once the
 * cause is fixed, or discards it.
 */
public class StatusDeadLetters {

  /**
   * One wait given up on.
   *
   * @param status       the status's wire name ({@code delivered}, {@code replied}...)
   * @param lastError    the engine's answer to the last attempt
   * @param waitingSince when the catch event started waiting
   */
  public record DeadLetter(String id, String deliveryId, String status, String processInstanceId, int attempts,
      String lastError, Instant waitingSince, Instant deadAt) {

    DeliveryStatus deliveryStatus() {
      return DeliveryStatus.fromWireName(status);
    }
  }

  private final JdbcClient jdbc;
  private final StatusWaits waits;
  private final InsertOnce insertOnce;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public StatusDeadLetters(JdbcClient jdbc, StatusWaits waits, InsertOnce insertOnce,
      PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.waits = waits;
    this.insertOnce = insertOnce;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /** Moves a wait here, in the caller's transaction (which holds the wait's rows). */
  void add(Wait wait, String lastError) {
    waits.remove(wait.deliveryId(), wait.status());
    insertOnce.insert(() -> jdbc.sql("""
            insert into tp_status_dead_letter (id, delivery_id, status, process_instance_id, attempts, last_error,
              waiting_since, dead_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), wait.deliveryId(), wait.status().name(), wait.processInstanceId(),
            wait.attempts(), lastError, utc(wait.waitingSince()), utc(clock.instant()))
        .update());
  }

  /** The newest first, at most {@code limit}. */
  public List<DeadLetter> list(int limit) {
    return jdbc.sql("select * from tp_status_dead_letter order by dead_at desc, id fetch first ? rows only")
        .param(limit).query(StatusDeadLetters::toDeadLetter).list();
  }

  public int count() {
    return jdbc.sql("select count(*) from tp_status_dead_letter").query(Integer.class).single();
  }

  public Optional<DeadLetter> find(String id) {
    return jdbc.sql("select * from tp_status_dead_letter where id = ?").param(id)
        .query(StatusDeadLetters::toDeadLetter).optional();
  }

  /**
   * Makes the dead letter a wait again, with a fresh count of attempts and due now.
   *
   * @return what was restored, if the dead letter was still there
   */
  public Optional<DeadLetter> restore(String id) {
    return ownTransaction.execute(tx -> take(id).map(dead -> {
      waits.restore(dead.deliveryId(), dead.deliveryStatus(), dead.processInstanceId(), dead.waitingSince());
      return dead;
    }));
  }

  /**
   * Forgets the dead letter: its journey goes on waiting (a timer may still move it), the status stays in the ledger.
   *
   * @return whether there was one
   */
  public boolean discard(String id) {
    return Boolean.TRUE.equals(ownTransaction.execute(tx -> take(id).isPresent()));
  }

  private Optional<DeadLetter> take(String id) {
    Optional<DeadLetter> dead = jdbc.sql("select * from tp_status_dead_letter where id = ? for update").param(id)
        .query(StatusDeadLetters::toDeadLetter).optional();
    dead.ifPresent(d -> jdbc.sql("delete from tp_status_dead_letter where id = ?").param(id).update());
    return dead;
  }

  private static DeadLetter toDeadLetter(ResultSet rs, int row) throws SQLException {
    return new DeadLetter(rs.getString("id"), rs.getString("delivery_id"),
        DeliveryStatus.valueOf(rs.getString("status")).wireName(), rs.getString("process_instance_id"),
        rs.getInt("attempts"), rs.getString("last_error"),
        rs.getObject("waiting_since", OffsetDateTime.class).toInstant(),
        rs.getObject("dead_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
