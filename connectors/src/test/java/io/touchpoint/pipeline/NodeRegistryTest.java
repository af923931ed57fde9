package io.touchpoint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.autoconfigure.TouchpointSchema;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import io.touchpoint.testapp.TestClock;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
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
    JdbcClient jdbc = JdbcClient.create(database(database));
    TestClock anHourBehind = new TestClock();
    anHourBehind.advance(Duration.ofHours(-1));
    NodeRegistry onTime = new NodeRegistry(jdbc, Clock.systemUTC());
    NodeRegistry behind = new NodeRegistry(jdbc, anHourBehind);
    onTime.join();
    behind.join();
    behind.beat();

    assertThat(onTime.presumedDead(DEAD_AFTER)).isEmpty();
    assertThat(behind.presumedDead(DEAD_AFTER)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void aNodeThatStoppedBeatingIsPresumedDeadOnceDeadAfterHasPassed(String database) throws InterruptedException {
    JdbcClient jdbc = JdbcClient.create(database(database));
    NodeRegistry live = new NodeRegistry(jdbc, Clock.systemUTC());
    NodeRegistry silent = new NodeRegistry(jdbc, Clock.systemUTC());
    live.join();
    silent.join();

    assertThat(live.presumedDead(Duration.ofMillis(300))).isEmpty();
    Thread.sleep(500);
    live.beat();

    assertThat(live.presumedDead(Duration.ofMillis(300)))
        .containsExactly(new NodeRegistry.GoneNode(silent.nodeId(), false));
    assertThat(silent.presumedDead(Duration.ofMillis(300))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "h2"})
  void aNodeThatLeavesIsPresumedDeadAtOnceAndKnownToHaveLeft(String database) {
    JdbcClient jdbc = JdbcClient.create(database(database));
    NodeRegistry staying = new NodeRegistry(jdbc, Clock.systemUTC());
    NodeRegistry leaving = new NodeRegistry(jdbc, Clock.systemUTC());
    staying.join();
    leaving.join();

    leaving.leave();

    assertThat(staying.presumedDead(DEAD_AFTER)).containsExactly(new NodeRegistry.GoneNode(leaving.nodeId(), true));
  }

  private static DataSource database(String kind) {
    DataSource dataSource = "h2".equals(kind)
        ? new DriverManagerDataSource("jdbc:h2:mem:nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
        : new DriverManagerDataSource(EmbeddedPostgresDatabase.newDatabase(), "postgres", "postgres");
    new TouchpointSchema(dataSource);
    return dataSource;
  }
}
