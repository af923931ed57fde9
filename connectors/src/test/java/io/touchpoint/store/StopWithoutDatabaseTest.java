package io.touchpoint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A node that stops while its PostgreSQL is out of reach closes its pool before anything else stops, so the rest of
 * its stop fails at once instead of waiting for connections; a node whose database answers keeps its pool for the
 * stop's work, and so does one whose pool is not PostgreSQL's.
 */
class StopWithoutDatabaseTest {

  private final GenericApplicationContext node = new GenericApplicationContext();
  private final List<DatabaseLostAtStop> told = new CopyOnWriteArrayList<>();
  private HikariDataSource pool;

  @BeforeEach
  void startNode() {
    node.addApplicationListener(event -> {
      if (event instanceof PayloadApplicationEvent<?> published
          && published.getPayload() instanceof DatabaseLostAtStop lost) {
        told.add(lost);
      }
    });
    node.refresh();
  }

  @AfterEach
  void closePool() {
    pool.close();
    node.close();
  }

  @Test
  void aNodeStoppingWhileItsDatabaseIsOutOfReachClosesItsPoolFirst() throws IOException {
    pool = pool("jdbc:postgresql://127.0.0.1:" + aPortNobodyListensOn() + "/touchpoint");

    theNodeBeginsToStop();

    assertThat(pool.isClosed()).isTrue();
    assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("closed");
    assertThat(told).as("the work waiting for a connection is told").hasSize(1);
  }

  @Test
  void aNodeWhoseDatabaseAnswersKeepsItsPoolForTheStopsWork() throws SQLException {
    pool = pool(EmbeddedPostgresDatabase.newDatabase());

    theNodeBeginsToStop();

    assertThat(pool.isClosed()).isFalse();
    try (Connection connection = pool.getConnection()) {
      assertThat(connection.isValid(1)).isTrue();
    }
    assertThat(told).isEmpty();
  }

  @Test
  void anotherContextStoppingOrAPoolOtherThanPostgresLeavesThePoolAlone() throws IOException {
    pool = pool("jdbc:postgresql://127.0.0.1:" + aPortNobodyListensOn() + "/touchpoint");
    new StopWithoutDatabase(pool, node).onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
    assertThat(pool.isClosed()).as("a child context's stop").isFalse();

    HikariDataSource h2 = pool("jdbc:h2:mem:stop-without-database");
    new StopWithoutDatabase(h2, node).onApplicationEvent(new ContextClosedEvent(node));
    assertThat(h2.isClosed()).isFalse();
    h2.close();
    assertThat(told).isEmpty();
  }

  private void theNodeBeginsToStop() {
    new StopWithoutDatabase(pool, node).onApplicationEvent(new ContextClosedEvent(node));
  }

  /** Opened on first use, as Spring Boot's pool is. */
  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    pool.setUsername("postgres");
    pool.setPassword("postgres");
    return pool;
  }

  private static int aPortNobodyListensOn() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
