package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The job table carries an index on due dates once the engine has started, so the job executor finds the due jobs
 * among many waiting timers without reading them all. Run on H2 and on PostgreSQL.
 */
abstract class JobDueDateIndexContract extends JourneyTest {

  @Autowired
  DataSource dataSource;

  @Test
  void theEnginesJobsAreIndexedByDueDate() throws SQLException {
    assertThat(indexedColumns("ACT_RU_JOB")).contains("DUEDATE_");
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
