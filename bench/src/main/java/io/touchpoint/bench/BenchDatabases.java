package io.touchpoint.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The databases a benchmark runs on: an in-memory H2 database, or a fresh database in one embedded
 * PostgreSQL started on first use; plus the engine settings every benchmark context shares.
 */
final class BenchDatabases implements AutoCloseable {

  enum Db { H2, POSTGRES }

  private EmbeddedPostgres postgres;

  /**
   * Spring properties for a context on a new, empty database called {@code name}.
   *
   * @param postgresUrlOptions appended to the PostgreSQL JDBC URL, e.g. {@code &reWriteBatchedInserts=true}
   */
  Map<String, Object> properties(Db db, String name, String postgresUrlOptions) throws Exception {
    Map<String, Object> properties = new LinkedHashMap<>();
    if (db == Db.H2) {
      properties.put("spring.datasource.url", "jdbc:h2:mem:" + name);
      properties.put("spring.datasource.username", "sa");
    } else {
      EmbeddedPostgres server = postgres();
      try (Connection connection = server.getPostgresDatabase().getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("drop database if exists " + name);
        statement.execute("create database " + name);
      }
      properties.put("spring.datasource.url", server.getJdbcUrl("postgres", name) + postgresUrlOptions);
      properties.put("spring.datasource.username", "postgres");
    }
    properties.put("spring.datasource.password", "");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "WARN");
    properties.put("camunda.bpm.auto-deployment-enabled", "false");
    properties.put("camunda.bpm.database.schema-update", "true");
    properties.put("camunda.bpm.history-level", "full");
    return properties;
  }

  /**
   * After a warm-up: gives PostgreSQL's planner statistics for the tables the warm-up filled, as autovacuum does on a
   * production database within its first minute. Without them, a pooled connection may keep a generic plan made for
   * empty tables (a sequential scan of the engine's variables, for one), and which connections do differs from run
   * to run: that alone moved CPU per send by 15 % between runs of the same code. New statistics make every cached
   * plan be made again. Nothing to do on H2.
   */
  static void analyze(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        statement.execute("analyze");
      }
    }
  }

  /** The embedded PostgreSQL's port, or 0 before it started. */
  int postgresPort() {
    return postgres == null ? 0 : postgres.getPort();
  }

  private EmbeddedPostgres postgres() throws IOException {
    if (postgres == null) {
      long began = System.nanoTime();
      // a run lasts a minute, production hours: autovacuum looks every second instead of every minute, so the
      // planner's statistics follow the churn of the engine's runtime tables here as they would there
      postgres = EmbeddedPostgres.builder().setServerConfig("autovacuum_naptime", "1s").start();
      System.out.printf("   embedded PostgreSQL started on port %d in %d ms%n", postgres.getPort(),
          (System.nanoTime() - began) / 1_000_000);
    }
    return postgres;
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
