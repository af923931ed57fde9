package io.touchpoint.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.pipeline.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each node's PostgreSQL sessions carry its name, unless the application named them itself. */
class NodeSessionNamingTest {

  private static final NodeIdentity NODE = new NodeIdentity("host/1", "touchpoint-1");

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(NodeSessionNaming.class).withBean(NodeIdentity.class, () -> NODE);

  @Test
  void aPostgresPoolsSessionsAreNamedAfterTheNode() {
    runner.withBean(HikariDataSource.class, () -> pool("jdbc:postgresql://localhost/touchpoint"))
        .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
            .containsEntry(NodeSessionNaming.APPLICATION_NAME, "touchpoint-1"));
  }

  @Test
  void aNameTheApplicationGaveItsSessionsIsKept() {
    runner.withBean(HikariDataSource.class, () -> {
      HikariDataSource pool = pool("jdbc:postgresql://localhost/touchpoint");
      pool.addDataSourceProperty(NodeSessionNaming.APPLICATION_NAME, "billing");
      return pool;
    }).run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
        .containsEntry(NodeSessionNaming.APPLICATION_NAME, "billing"));
  }

  @Test
  void anotherDatabasesPoolIsLeftAlone() {
    runner.withBean(HikariDataSource.class, () -> pool("jdbc:h2:mem:touchpoint"))
        .run(context -> assertThat(context.getBean(HikariDataSource.class).getDataSourceProperties())
            .doesNotContainKey(NodeSessionNaming.APPLICATION_NAME));
  }

  private static HikariDataSource pool(String url) {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(url);
    return pool;
  }
}
