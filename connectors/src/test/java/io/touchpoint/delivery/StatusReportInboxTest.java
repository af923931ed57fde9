package io.touchpoint.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.autoconfigure.TouchpointSchema;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The inbox's looks outside a transaction, on a pool as small as a busy node's is full. */
class StatusReportInboxTest {

  private final HikariDataSource pool = smallPool();
  private final StatusReportInbox inbox = new StatusReportInbox(JdbcClient.create(pool), Clock.systemUTC());

  private static HikariDataSource smallPool() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    pool.setMaximumPoolSize(2);
    pool.setConnectionTimeout(1_000);
    new TouchpointSchema(pool);
    return pool;
  }

  @AfterEach
  void close() {
    pool.close();
  }

  /** A node taking over a dead node's sends looks each one up: it once kept a connection per look until none was left. */
  @Test
  void lookingUpTheProviderIdOfManySendsGivesEveryConnectionBack() {
    for (int send = 0; send < 10; send++) {
      assertThat(inbox.providerMessageIdReportedFor("send-" + send)).isEmpty();
    }
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
  }
}
