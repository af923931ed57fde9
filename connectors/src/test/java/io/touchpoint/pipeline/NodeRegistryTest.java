package io.touchpoint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.autoconfigure.TouchpointSchema;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import io.touchpoint.testapp.TestClock;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Heartbeats on PostgreSQL and on the embedded H2: who is alive is judged by the clock all nodes share. */
class NodeRegistryTest {

  private static final Duration DEAD_AFTER = Duration.ofSeconds(20);

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void aNodeWhoseClockRunsAnHourBehindIsStillSeenAliveAndSeesTheOthersAlive(String database) {
    DataSource shared = database(database);
    TestClock anHourBehind = new TestClock();
    anHourBehind.advance(Duration.ofHours(-1));
    NodeRegistry onTime = node(shared, Clock.systemUTC());
    NodeRegistry behind = node(shared, anHourBehind);
    onTime.join();
    behind.join();
    behind.beat();

    assertThat(onTime.presumedDead(DEAD_AFTER)).isEmpty();
    assertThat(behind.presumedDead(DEAD_AFTER)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void aNodeThatStoppedBeatingIsPresumedDeadOnceDeadAfterHasPassed(String database) throws InterruptedException {
    DataSource shared = database(database);
    NodeRegistry live = node(shared, Clock.systemUTC());
    NodeRegistry silent = node(shared, Clock.systemUTC());
    live.join();
    silent.join();

    assertThat(live.presumedDead(Duration.ofMillis(300))).isEmpty();
    Thread.sleep(500);
    live.beat();

    assertThat(live.presumedDead(Duration.ofMillis(300)))
        .containsExactly(new NodeRegistry.GoneNode(silent.nodeId(), false, null));
    assertThat(silent.presumedDead(Duration.ofMillis(300))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void aNodeThatLeavesIsPresumedDeadAtOnceAndKnownToHaveLeft(String database) {
    DataSource shared = database(database);
    NodeRegistry staying = node(shared, Clock.systemUTC());
    NodeRegistry leaving = node(shared, Clock.systemUTC());
    staying.join();
    leaving.join();

    leaving.leave();

    assertThat(staying.presumedDead(DEAD_AFTER)).containsExactly(
        new NodeRegistry.GoneNode(leaving.nodeId(), true, null));
  }

  /**
   * A node paused with a transaction open (a container paused, a debugger): the node that takes over its work ends
   * its sessions, so the rows it locked are free; but not before they have stood still for the time it is given.
   */
  @Test
  void aSilentNodesSessionsAreEndedByTheNodeThatTakesOverFreeingWhatTheyLocked() throws Exception {
    String url = EmbeddedPostgresDatabase.newDatabase();
    DataSource liveSessions = named(url, "live");
    new TouchpointSchema(liveSessions);
    NodeRegistry live = node(liveSessions, Clock.systemUTC());
    NodeIdentity silentIdentity = NodeIdentity.ofThisStart();
    DataSource silentSessions = named(url, silentIdentity.sessionName());
    JdbcClient silentJdbc = JdbcClient.create(silentSessions);
    NodeRegistry silent = new NodeRegistry(silentJdbc, Clock.systemUTC(), silentIdentity,
        NodeSessions.on(silentSessions, silentJdbc));
    live.join();
    silent.join();
    try (Connection paused = silentSessions.getConnection()) {
      paused.setAutoCommit(false);
      paused.createStatement().execute("select * from tp_node where session_name is not null for update");
      Thread.sleep(500);
      live.beat();

      NodeRegistry.GoneNode gone = live.presumedDead(Duration.ofMillis(300)).get(0);
      assertThat(gone).isEqualTo(new NodeRegistry.GoneNode(silent.nodeId(), false, silentIdentity.sessionName()));
      assertThat(live.endSessionsOf(gone, Duration.ofMinutes(1))).as("moved within the minute").isZero();
      assertThat(live.endSessionsOf(gone, Duration.ofMillis(300))).isEqualTo(1);

      assertThat(paused.isValid(1)).isFalse();
      JdbcClient liveJdbc = JdbcClient.create(liveSessions);
      assertThat(liveJdbc.sql("update tp_node set heartbeat_at = current_timestamp").update()).isEqualTo(2);
    }
  }

  @Test
  void aNodeThatLeftOrWhoseSessionsAreNotNamedHasNoSessionsEnded() {
    DataSource shared = database("postgres");
    NodeRegistry live = node(shared, Clock.systemUTC());
    NodeRegistry unnamed = node(shared, Clock.systemUTC());
    live.join();
    unnamed.join();

    assertThat(live.endSessionsOf(new NodeRegistry.GoneNode(unnamed.nodeId(), false, null), Duration.ZERO)).isZero();
    assertThat(live.endSessionsOf(new NodeRegistry.GoneNode(unnamed.nodeId(), true, "postgres"), Duration.ZERO))
        .isZero();
  }

  private static NodeRegistry node(DataSource sessions, Clock clock) {
    JdbcClient jdbc = JdbcClient.create(sessions);
    return new NodeRegistry(jdbc, clock, NodeIdentity.ofThisStart(), NodeSessions.on(sessions, jdbc));
  }

  private static DataSource named(String url, String sessionName) {
    DriverManagerDataSource sessions = new DriverManagerDataSource(url, "postgres", "postgres");
    Properties name = new Properties();
    name.setProperty("ApplicationName", sessionName);
    name.setProperty("options", "-c lock_timeout=2s"); // a row still locked fails the test rather than hangs it
    sessions.setConnectionProperties(name);
    return sessions;
  }

  private static DataSource database(String kind) {
    DataSource dataSource = "h2".equals(kind)
        ? new DriverManagerDataSource("jdbc:h2:mem:nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        : new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabase(), "postgres", "postgres");
    new TouchpointSchema(dataSource);
    return dataSource;
  }
}
