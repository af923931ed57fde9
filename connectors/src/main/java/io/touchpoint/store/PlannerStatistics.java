package io.touchpoint.store;

import io.touchpoint.error.ErrorCode;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps PostgreSQL's planner statistics in step with the engine's and Touchpoint's tables while they grow fast.
 * Autovacuum analyzes a table once its changes pass a share of the rows its last statistics counted, and looks at a
 * database once a minute. On a new database, and when a campaign starts, the runtime tables grow from nothing to
 * thousands of rows within that minute, and plans made meanwhile take an index that looked as good as any on an
 * empty table: Camunda's fetch of an execution's variables walked all the variables without a task (8 000 rows, a
 * thousand pages) to find two. Each run analyzes the tables ({@code act_*}, {@code tp_*}) whose live rows are at
 * least {@value #MIN_ROWS} and more than twice what their statistics counted (none, if never analyzed), so a table
 * growing to a million rows is analyzed about ten times. One node at a time does it; the host application's own
 * tables, and tables the database user may not analyze (it does not own them), are left to autovacuum.
 */
public class PlannerStatistics implements Runnable {

  /** How often the tables are looked at: a table may double in seconds when a campaign starts. */
  public static final Duration INTERVAL = Duration.ofSeconds(10);

  /** Below this, even a plan that reads the whole table costs little. */
  static final long MIN_ROWS = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(PlannerStatistics.class);
  /** The advisory lock that lets one node analyze at a time ("tp-stats"). */
  private static final long LOCK = 0x74702d7374617473L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public PlannerStatistics(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * The task for this data source: nothing to do but on PostgreSQL (H2 analyzes a table itself every 2 000 changed
   * rows).
   */
  public static Runnable on(DataSource dataSource, JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    return DatabaseProduct.isPostgres(dataSource) ? new PlannerStatistics(jdbc, transactionManager) : () -> { };
  }

  @Override
  public void run() {
    transaction.executeWithoutResult(tx -> {
      if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
        return;
      }
      List<String> outgrown = outgrownStatistics();
      outgrown.forEach(table -> jdbc.sql("analyze " + table).update());
      if (!outgrown.isEmpty()) {
        LOG.info(ErrorCode.SCHEMA_004 + " analyzed {}: they outgrew their planner statistics", outgrown);
      }
    });
  }

  private List<String> outgrownStatistics() {
    return jdbc.sql("""
            select format('%I.%I', s.schemaname, s.relname) from pg_stat_user_tables s
              join pg_class c on c.oid = s.relid
            where (s.relname like 'act\\_%' or s.relname like 'tp\\_%') and s.schemaname = current_schema()
              and s.n_live_tup >= ? and s.n_live_tup > 2 * greatest(c.reltuples, 0)
              and pg_has_role(c.relowner, 'USAGE')
            order by s.relname""")
        .param(MIN_ROWS).query(String.class).list();
  }
}
