package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job executor finds due jobs without reading every waiting one: each job has a due date, the oldest due is
 * acquired first, the job table is indexed by due date and lock expiry, and a job an earlier version left without a
 * due date is given one at start.
 * Run on H2 and on PostgreSQL.
 */
abstract class JobAcquisitionContract extends JourneyTest {

  @Autowired
  DataSource dataSource;

  @Test
  void theJobTableIsIndexedByDueDateAndLockExpiry() throws SQLException {
    assertThat(indexedColumns("ACT_RU_JOB")).contains("DUEDATE_", "LOCK_EXP_TIME_");
  }

  @Test
  void aContinuationIsDueFromTheMomentItIsCreated() {
    Job continuation = continuationOfANewInstance();

    assertThat(continuation.getDuedate()).isNotNull();
    assertThat(acquirableJobIds()).contains(continuation.getId());
  }

  @Test
  void jobsAreAcquiredOldestDueFirst() {
    Job earlier = continuationOfANewInstance();
    Job later = continuationOfANewInstance();
    Date now = ClockUtil.getCurrentTime();
    managementService.setJobDuedate(earlier.getId(), new Date(now.getTime() - 60_000));
    managementService.setJobDuedate(later.getId(), new Date(now.getTime() - 120_000));

    assertThat(acquirableJobIds()).containsSubsequence(later.getId(), earlier.getId());
  }

  @Test
  void aJobAnEarlierVersionLeftWithoutDueDateIsAcquiredAgainAfterTheNextStart() {
    Job continuation = continuationOfANewInstance();
    touchpointJdbc.sql("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?").param(continuation.getId()).update();
    assertThat(acquirableJobIds()).doesNotContain(continuation.getId());

    JobAcquisition.prepareJobTable(configuration());

    assertThat(acquirableJobIds()).contains(continuation.getId());
  }

  private Job continuationOfANewInstance() {
    repositoryService.createDeployment()
        .addModelInstance("continuation.bpmn", Bpmn.createExecutableProcess("continuation")
            .camundaHistoryTimeToLive(1)
            .startEvent().serviceTask("work").camundaAsyncBefore().camundaExpression("${true}").endEvent().done())
        .deploy();
    String instance = runtimeService.startProcessInstanceByKey("continuation").getId();
    return managementService.createJobQuery().processInstanceId(instance).singleResult();
  }

  /** What the job executor's acquisition query returns now, without locking anything. */
  private List<String> acquirableJobIds() {
    return configuration().getCommandExecutorTxRequired().execute(context ->
        context.getJobManager().findNextJobsToExecute(new Page(0, 10_000)).stream()
            .map(AcquirableJobEntity::getId).toList());
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  /** Indexed columns of a table, upper case (PostgreSQL keeps unquoted names in lower case, H2 in upper). */
  private List<String> indexedColumns(String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      for (String name : List.of(table, table.toLowerCase())) {
        try (ResultSet indexes = metaData.getIndexInfo(null, null, name, false, true)) {
          while (indexes.next()) {
            if (indexes.getString("COLUMN_NAME") != null) {
              columns.add(indexes.getString("COLUMN_NAME").toUpperCase());
            }
          }
        }
      }
    }
    return columns;
  }
}
