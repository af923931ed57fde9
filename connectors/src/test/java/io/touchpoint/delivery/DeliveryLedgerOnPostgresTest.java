package io.touchpoint.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.autoconfigure.TouchpointSchema;
import io.touchpoint.store.InsertOnce;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On PostgreSQL the ledger moves a send on (queued → sending → answered) by its id, whatever the statistics say. Taken
 * between campaigns, when every send was answered, they make the states a campaign fills look empty; a move that then
 * walked every send in its state would read thousands of pages per send.
 */
class DeliveryLedgerOnPostgresTest {

  private static final int CAMPAIGN = 3000;
  private static final String NODE = "node-a";
  /** A move reads the row's index entries and page, and writes the row's new version into each index. */
  private static final int PAGES_OF_ONE_MOVE = 100;

  @Test
  void aSendIsMovedOnByItsIdThoughThousandsOfSendsShareItsState() {
    DataSource database = new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabase(), "postgres", "postgres");
    new TouchpointSchema(database);
    JdbcTemplate jdbc = new JdbcTemplate(database);
    jdbc.execute("create extension if not exists pg_stat_statements");
    yesterdaysCampaignWasAnsweredAndAnalyzed(jdbc);
    todaysCampaignHasThousandsOfSendsIn(jdbc, "QUEUED");
    todaysCampaignHasThousandsOfSendsIn(jdbc, "SENDING");
    DeliveryLedger ledger = new DeliveryLedger(jdbc, new InsertOnce(new DataSourceTransactionManager(database)),
        Clock.systemUTC());
    String queued = oneOf(jdbc, "QUEUED");
    String sending = oneOf(jdbc, "SENDING");

    assertThat(ledger.markSending(List.of(queued), NODE)).containsExactly(queued);
    assertThat(ledger.recordAnswer(ledger.findById(sending).orElseThrow().accepted("SM-1"), NODE)).isTrue();

    assertThat(pagesRead(jdbc, "update tp_delivery set outcome = $%, attempts = attempts + %"))
        .as("pages read marking the send as sending").isBetween(1L, (long) PAGES_OF_ONE_MOVE);
    assertThat(pagesRead(jdbc, "update tp_delivery set outcome = $%, provider_message_id = $%"))
        .as("pages read recording its answer").isBetween(1L, (long) PAGES_OF_ONE_MOVE);
  }

  private static void yesterdaysCampaignWasAnsweredAndAnalyzed(JdbcTemplate jdbc) {
    insertSends(jdbc, "ACCEPTED", null);
    jdbc.execute("analyze tp_delivery");
  }

  private static void todaysCampaignHasThousandsOfSendsIn(JdbcTemplate jdbc, String outcome) {
    insertSends(jdbc, outcome, NODE);
  }

  private static void insertSends(JdbcTemplate jdbc, String outcome, String owner) {
    jdbc.update("""
        insert into tp_delivery (id, idempotency_key, journey_key, process_instance_id, execution_id, activity_id,
          channel, provider, outcome, owner_node, created_at, updated_at)
        select gen_random_uuid(), gen_random_uuid(), 'campaign', 'instance-' || g, 'execution-' || g, 'Send', 'SMS',
          'twilio', ?, ?, current_timestamp, current_timestamp
        from generate_series(1, ?) g""", outcome, owner, CAMPAIGN);
  }

  private static String oneOf(JdbcTemplate jdbc, String outcome) {
    return jdbc.queryForObject("select max(id) from tp_delivery where outcome = ?", String.class, outcome);
  }

  /** Shared buffers the statement touched in this database, from pg_stat_statements. */
  private static long pagesRead(JdbcTemplate jdbc, String statement) {
    return jdbc.queryForObject("""
        select coalesce(sum(shared_blks_hit + shared_blks_read), 0) from pg_stat_statements
        where dbid = (select oid from pg_database where datname = current_database()) and query like ?""",
        Long.class, statement + "%");
  }
}
