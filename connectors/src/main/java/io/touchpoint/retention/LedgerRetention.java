package io.touchpoint.retention;

import io.touchpoint.error.ErrorCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what Touchpoint's ledger keeps about journeys that ended longer ago than the retention period, so the
 * {@code tp_*} tables stop growing with the traffic: each delivery with its statuses, provider reports, replies,
 * machine opens and clicks, unsubscribes, waits, dead letters and SMTP acceptances, and each webhook call. A journey counts as ended when the engine's history
 * says it ended before the cut-off, or when the engine knows it neither as running nor in its history any more (its
 * history already removed by the history cleanup, or never kept). Event ids (the idempotency window), unmatched
 * provider reports and unattributed inbound messages go by their own age.
 *
 * <p>Kept on purpose: opt-outs ({@code tp_opt_out}: consent outlives journeys), who entered which journey
 * ({@code tp_journey_entry}: the "once" re-entry rule needs it; one row per contact and journey), erasure records
 * and provider content templates.
 *
 * <p>Works in small batches, each in its own transaction, so it never holds many locks; several nodes may run it
 * at once (a row another node deleted first is simply not deleted twice).
 */
public class LedgerRetention {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerRetention.class);

  /** Rows whose process instance ended before the cut-off (or is unknown to the engine and old). */
  private static final String ENDED = """
      not exists (select 1 from ACT_RU_EXECUTION e where e.PROC_INST_ID_ = %1$s)
      and not exists (select 1 from ACT_HI_PROCINST p where p.ID_ = %1$s
        and (p.END_TIME_ is null or p.END_TIME_ >= :engineCutoff))""";

  private static final List<String> DELIVERY_CHILDREN = List.of("tp_delivery_status", "tp_status_report",
      "tp_inbound_message", "tp_machine_open", "tp_machine_click", "tp_early_click", "tp_unsubscribe", "tp_status_wait",
      "tp_status_dead_letter", "tp_smtp_acceptance");

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Duration period;
  private final int batchSize;

  public LedgerRetention(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock,
      Duration period, int batchSize) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    this.period = period;
    this.batchSize = batchSize;
  }

  /** Deletes everything older than the retention period, batch by batch; answers how many rows went. */
  public int cleanUp() {
    Instant cutoff = clock.instant().minus(period);
    int deleted = untilDone(() -> endedDeliveries(cutoff))
        + untilDone(() -> endedWebhookCalls(cutoff))
        + untilDone(() -> olderThan("tp_status_report", "received_at", "delivery_id is null", cutoff))
        + untilDone(() -> olderThan("tp_inbound_message", "received_at", "delivery_id is null", cutoff))
        + untilDone(() -> olderThan("tp_event", "received_at", "1 = 1", cutoff));
    if (deleted > 0) {
      LOG.info(ErrorCode.RETENTION_001 + " deleted {} ledger rows of journeys ended before {}", deleted, cutoff);
    }
    return deleted;
  }

  private int untilDone(IntSupplier batch) {
    int total = 0;
    int deleted;
    do {
      deleted = transaction.execute(tx -> batch.getAsInt());
      total += deleted;
    } while (deleted == batchSize);
    return total;
  }

  /** One batch of deliveries of ended journeys, with every row that belongs to them; answers the deliveries. */
  private int endedDeliveries(Instant cutoff) {
    List<String> ids = jdbc.sql(("select d.id from tp_delivery d where d.created_at < :cutoff and " + ENDED
            + " fetch first " + batchSize + " rows only").formatted("d.process_instance_id"))
        .param("cutoff", ledgerTime(cutoff)).param("engineCutoff", engineTime(cutoff))
        .query(String.class).list();
    if (ids.isEmpty()) {
      return 0;
    }
    DELIVERY_CHILDREN.forEach(table -> jdbc.sql("delete from " + table + " where delivery_id in (:ids)")
        .param("ids", ids).update());
    jdbc.sql("delete from tp_delivery where id in (:ids)").param("ids", ids).update();
    return ids.size();
  }

  private int endedWebhookCalls(Instant cutoff) {
    return jdbc.sql(("delete from tp_webhook_call where id in (select w.id from tp_webhook_call w "
            + "where w.called_at < :cutoff and " + ENDED + " fetch first " + batchSize + " rows only)")
            .formatted("w.process_instance_id"))
        .param("cutoff", ledgerTime(cutoff)).param("engineCutoff", engineTime(cutoff))
        .update();
  }

  private int olderThan(String table, String timeColumn, String condition, Instant cutoff) {
    return jdbc.sql("delete from " + table + " where id in (select id from " + table + " where " + timeColumn
            + " < :cutoff and " + condition + " fetch first " + batchSize + " rows only)")
        .param("cutoff", ledgerTime(cutoff))
        .update();
  }

  private static OffsetDateTime ledgerTime(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The engine writes its timestamps without zone, in the JVM's; a Timestamp parameter is read the same way. */
  private static Timestamp engineTime(Instant instant) {
    return Timestamp.from(instant);
  }
}
