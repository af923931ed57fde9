package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when PostgreSQL would keep a dead node's transactions open. A node that dies without closing its
 * connections (its machine loses power, its VM freezes, its network is cut) leaves the transactions it had open
 * holding their row locks until TCP gives up on the connection, which takes hours; meanwhile the live nodes' takeover
 * of its sends, jobs and launches waits behind those locks. PostgreSQL ends such a session itself once it has been
 * idle inside a transaction for {@code idle_in_transaction_session_timeout}: at most a job's lock time, the locks go
 * no later than the jobs do. A SIGKILLed process does not need this: its kernel closes the connections.
 */
final class AbandonedTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(AbandonedTransactions.class);

  private AbandonedTransactions() {
  }

  /** Once the engine is built, on PostgreSQL only. */
  static void warnIfKeptOpen(ProcessEngineConfigurationImpl configuration) {
    if (!"postgres".equals(configuration.getDatabaseType()) || configuration.getJobExecutor() == null) {
      return;
    }
    problem(configuration.getDataSource(), configuration.getJobExecutor().getLockTimeInMillis())
        .ifPresent(problem -> LOG.warn(ErrorCode.START_005 + " {}", problem));
  }

  /** What is wrong with how the sessions of this data source end, if anything. */
  static Optional<String> problem(DataSource dataSource, long jobLockMillis) {
    long timeoutMillis;
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet setting = statement.executeQuery(
            "select setting::bigint from pg_settings where name = 'idle_in_transaction_session_timeout'")) {
      setting.next();
      timeoutMillis = setting.getLong(1);
    } catch (SQLException unreadable) {
      return Optional.of("idle_in_transaction_session_timeout could not be read (" + unreadable.getMessage() + ")");
    }
    if (timeoutMillis > 0 && timeoutMillis <= jobLockMillis) {
      return Optional.empty();
    }
    return Optional.of(("idle_in_transaction_session_timeout is %s: a node that dies without closing its connections"
        + " (power lost, VM frozen, network cut) keeps its transactions' locks until TCP gives up, and the other"
        + " nodes' takeover waits behind them. Set it to at most the job lock time (%d ms), e.g. with"
        + " options=-c%%20idle_in_transaction_session_timeout=%dms in the JDBC URL or ALTER ROLE … SET")
        .formatted(timeoutMillis == 0 ? "off" : timeoutMillis + " ms", jobLockMillis, jobLockMillis));
  }
}
