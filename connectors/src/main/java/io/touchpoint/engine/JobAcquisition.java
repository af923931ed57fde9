package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the job executor find due jobs among many without reading them all. Every waiting journey holds a timer job
 * (its "no status within" branch, its delays) and a campaign queues thousands of continuations, while Camunda's
 * acquisition query, as it comes, reads the whole job table each time: due dates may be null, nothing indexes them,
 * and a not-exists over the jobs other executors hold scans the table again. So every job gets a due date (a
 * continuation its creation time), jobs are acquired oldest due first, and due date and lock expiry are indexed: an
 * acquisition reads the few rows it takes (docs/performance.md, run J). A database where the application may not
 * create indexes gets a warning naming the statement to run.
 */
final class JobAcquisition {

  private static final Logger LOG = LoggerFactory.getLogger(JobAcquisition.class);

  private JobAcquisition() {
  }

  /** Before the engine is built. */
  static void configure(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnsureJobDueDateNotNull(true);
    configuration.setJobExecutorAcquireByDueDate(true);
  }

  /** Once the engine has created or updated its schema. Running it again changes nothing. */
  static void prepareJobTable(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    String jobs = prefix + "ACT_RU_JOB";
    try (Connection connection = configuration.getDataSource().getConnection()) {
      createIndex(connection, "create index if not exists TP_IDX_JOB_DUEDATE on " + jobs + " (DUEDATE_)");
      createIndex(connection, "create index if not exists TP_IDX_JOB_LOCK_EXP on " + jobs + " (LOCK_EXP_TIME_)");
      // a job created before due dates were ensured (an upgrade) would otherwise never be acquired again
      try (Statement backfill = connection.createStatement()) {
        backfill.executeUpdate("update " + jobs + " set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp)"
            + " where DUEDATE_ is null");
      }
    } catch (SQLException e) {
      throw new ProcessEngineException("could not give the jobs without a due date one: " + e.getMessage(), e);
    }
  }

  private static void createIndex(Connection connection, String statement) {
    try (Statement create = connection.createStatement()) {
      create.execute(statement);
    } catch (SQLException e) {
      // another node creating it at the same moment, or no right to: the engine works without it, slower
      LOG.warn(ErrorCode.START_004 + " could not run \"{}\": {}", statement, e.getMessage());
    }
  }
}
