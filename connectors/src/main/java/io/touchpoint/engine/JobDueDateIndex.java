package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index on the due date of the engine's jobs, which Camunda does not create. Every waiting journey holds a timer
 * job (its "no status within" branch, its delays), and the job executor looks for due jobs all the time: without the
 * index each look reads the whole job table, about 200 ms with a million waiting timers on PostgreSQL; with it, well
 * under a millisecond (docs/performance.md, run H). A database where the application may not create indexes gets a
 * warning naming the statement to run.
 */
final class JobDueDateIndex {

  private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);

  private JobDueDateIndex() {
  }

  /** Once the engine has created or updated its schema. Creating it again changes nothing. */
  static void ensure(ProcessEngineConfigurationImpl configuration) {
    String prefix = configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix();
    String statement = "create index if not exists TP_IDX_JOB_DUEDATE on " + prefix + "ACT_RU_JOB (DUEDATE_)";
    try (Connection connection = configuration.getDataSource().getConnection();
        Statement create = connection.createStatement()) {
      create.execute(statement);
    } catch (SQLException e) {
      // another node creating it at the same moment, or no right to: the engine works without it, slower
      LOG.warn(ErrorCode.START_004 + " could not run \"{}\": {}", statement, e.getMessage());
    }
  }
}
