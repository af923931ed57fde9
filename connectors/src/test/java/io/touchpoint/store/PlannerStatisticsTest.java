package io.touchpoint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.touchpoint.autoconfigure.TouchpointSchema;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A table that outgrows its planner statistics is analyzed by the next run, on PostgreSQL; one that grows less is
 * left to autovacuum, and so are the host application's tables. On H2 there is nothing to do.
 */
class PlannerStatisticsTest {

  DataSource database;
  JdbcClient jdbc;
  Runnable statistics;

  @BeforeEach
  void aNewDatabase() {
    database = new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabase(), "postgres", "postgres");
    new TouchpointSchema(database);
    jdbc = JdbcClient.create(database);
    jdbc.sql("create table host_orders (id integer primary key)").update();
    // only the runs under test analyze them
    jdbc.sql("alter table tp_event set (autovacuum_enabled = false)").update();
    jdbc.sql("alter table host_orders set (autovacuum_enabled = false)").update();
    statistics = PlannerStatistics.on(database, jdbc, new DataSourceTransactionManager(database));
  }

  @Test
  void aTableThatGrewFromNothingIsAnalyzedAndAgainOnceItHasMoreThanDoubled() {
    campaignEvents(3_000);
    hostOrders(3_000);
    theStatisticsSystemCounted("tp_event", 3_000);

    statistics.run();

    assertThat(rowsTheStatisticsCount("tp_event")).isEqualTo(3_000);
    assertThat(rowsTheStatisticsCount("host_orders")).as("the host's table").isNegative();

    campaignEvents(2_000);
    theStatisticsSystemCounted("tp_event", 5_000);
    statistics.run();

    assertThat(rowsTheStatisticsCount("tp_event")).as("grown by two thirds: left to autovacuum").isEqualTo(3_000);

    campaignEvents(2_000);
    theStatisticsSystemCounted("tp_event", 7_000);
    statistics.run();

    assertThat(rowsTheStatisticsCount("tp_event")).isEqualTo(7_000);
  }

  @Test
  void aTableBelowAThousandRowsIsLeftAlone() {
    campaignEvents(900);
    theStatisticsSystemCounted("tp_event", 900);

    statistics.run();

    assertThat(rowsTheStatisticsCount("tp_event")).isNegative();
  }

  @Test
  void onH2ThereIsNothingToDo() {
    DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:statistics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    Runnable none = PlannerStatistics.on(h2, JdbcClient.create(h2), new DataSourceTransactionManager(h2));

    assertThat(none).isNotInstanceOf(PlannerStatistics.class);
  }

  private void campaignEvents(int count) {
    jdbc.sql("""
            insert into tp_event (id, name, contact_id, received_at, result)
            select gen_random_uuid(), 'campaign.started', 'contact-' || g, current_timestamp, '{}'
            from generate_series(1, ?) g""").param(count).update();
  }

  private void hostOrders(int count) {
    jdbc.sql("insert into host_orders select g from generate_series(1, ?) g").param(count).update();
  }

  /** The live rows PostgreSQL's statistics system counted; it learns of committed changes within a second or so. */
  private void theStatisticsSystemCounted(String table, long rows) {
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
        "select n_live_tup from pg_stat_user_tables where relname = ?").param(table).query(Long.class).single() == rows);
  }

  /** The rows the planner's statistics count: -1 for a table never analyzed. */
  private long rowsTheStatisticsCount(String table) {
    return jdbc.sql("select reltuples::bigint from pg_class where relname = ?").param(table).query(Long.class).single();
  }
}
