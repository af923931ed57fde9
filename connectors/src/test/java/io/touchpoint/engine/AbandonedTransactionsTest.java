package io.touchpoint.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On a real PostgreSQL: the start check names a database that would keep a dead node's transactions open, and the
 * setting it asks for does end such a session and free its locks.
 */
class AbandonedTransactionsTest {

  private static final long JOB_LOCK_MILLIS = 30_000;
  private static String url;

  @BeforeAll
  static void database() throws SQLException {
    url = EmbeddedPostgresDatabase.newDatabase();
    try (Connection connection = sessions(null).getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("create table journey_row (id int primary key)");
      statement.execute("insert into journey_row values (1)");
    }
  }

  @Test
  void aDatabaseThatKeepsIdleTransactionsOpenIsNamedWithTheSettingToChange() {
    assertThat(AbandonedTransactions.problem(sessions(null), JOB_LOCK_MILLIS)).hasValueSatisfying(problem ->
        assertThat(problem).contains("idle_in_transaction_session_timeout is off", "at most the job lock time (30000 ms)",
            "options=-c%20idle_in_transaction_session_timeout=30000ms"));
  }

  @Test
  void aTimeoutLongerThanTheJobLockIsNamedToo() {
    assertThat(AbandonedTransactions.problem(sessions("-c idle_in_transaction_session_timeout=60s"), JOB_LOCK_MILLIS))
        .hasValueSatisfying(problem -> assertThat(problem).contains("is 60000 ms"));
  }

  @Test
  void sessionsEndedWithinTheJobLockAsTheWarningSaysInTheJdbcUrlPassTheCheck() {
    String withOptions = url + (url.contains("?") ? "&" : "?") + "options=-c%20idle_in_transaction_session_timeout=30s";

    assertThat(AbandonedTransactions.problem(new DriverManagerDataSource(withOptions, "postgres", "postgres"),
        JOB_LOCK_MILLIS)).isEmpty();
  }

  @Test
  void aSessionLeftInsideATransactionIsEndedAndItsLocksFreed() throws SQLException {
    Connection dead = sessions("-c idle_in_transaction_session_timeout=1s").getConnection();
    dead.setAutoCommit(false);
    try (Statement holder = dead.createStatement()) {
      holder.execute("select id from journey_row where id = 1 for update");
    }
    // the holder now says nothing more, as a node that lost power would
    long asked = System.nanoTime();
    try (Connection live = sessions("-c lock_timeout=20s").getConnection();
        Statement taker = live.createStatement()) {
      taker.execute("update journey_row set id = 1 where id = 1");
    }

    assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(15));
    dead.close();
  }

  private static DriverManagerDataSource sessions(String options) {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
    Properties properties = new Properties();
    if (options != null) {
      properties.setProperty("options", options);
    }
    dataSource.setConnectionProperties(properties);
    return dataSource;
  }
}
