package io.touchpoint.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The databases a benchmark runs on: an in-memory H2 database, or a fresh database in one embedded
 * PostgreSQL started on first use; plus the engine settings every benchmark context shares.
 */
final class BenchDatabases implements AutoCloseable {

  enum Db { H2, POSTGRES }

  /** Whether PostgreSQL keeps statistics of its statements, for {@link #printTopStatements}. */
  private final boolean statementStatistics;
  private EmbeddedPostgres postgres;

  BenchDatabases() {
    this(false);
  }

  BenchDatabases(boolean statementStatistics) {
    this.statementStatistics = statementStatistics;
  }

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
      onServer("drop database if exists " + name);
      onServer("create database " + name);
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

  private EmbeddedPostgres postgres() throws IOException, SQLException {
    if (postgres == null) {
      long began = System.nanoTime();
      // a run lasts a minute, production hours: autovacuum looks every second instead of every minute, so the
      // planner's statistics follow the churn of the engine's runtime tables here as they would there
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("autovacuum_naptime", "1s");
      if (statementStatistics) {
        builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
      }
      postgres = builder.start();
      if (statementStatistics) {
        onServer("create extension if not exists pg_stat_statements");
      }
      System.out.printf("   embedded PostgreSQL started on port %d in %d ms%n", postgres.getPort(),
          (System.nanoTime() - began) / 1_000_000);
    }
    return postgres;
  }

  /** Forgets the statement statistics gathered so far, when they are kept and PostgreSQL runs. */
  void resetStatements() throws SQLException {
    if (statementStatistics && postgres != null) {
      onServer("select pg_stat_statements_reset()");
    }
  }

  /**
   * Prints, per database (each variant or node set of a part has its own), the statements PostgreSQL ran since the
   * last reset, then the ones it spent most time on, with the pages each call read or wrote: a statement that reads
   * hundreds of pages per call walks an index or a table it should not.
   */
  void printTopStatements(int limit) throws SQLException {
    if (!statementStatistics || postgres == null) {
      return;
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet databases = statement.executeQuery("select d.datname, sum(s.calls) as calls,"
          + " sum(s.total_exec_time) as ms from pg_stat_statements s join pg_database d on d.oid = s.dbid"
          + " group by d.datname order by d.datname")) {
        System.out.println("   PostgreSQL's statements per database: calls, ms in all");
        while (databases.next()) {
          System.out.printf(Locale.ROOT, "   %9d %9.0f  %s%n", databases.getLong("calls"), databases.getDouble("ms"),
              databases.getString("datname"));
        }
      }
      try (ResultSet top = statement.executeQuery("select d.datname, s.calls, s.total_exec_time,"
          + " (s.shared_blks_hit + s.shared_blks_read) / greatest(s.calls, 1) as pages, s.query"
          + " from pg_stat_statements s join pg_database d on d.oid = s.dbid"
          + " order by s.total_exec_time desc limit " + limit)) {
        System.out.println("   PostgreSQL's top statements: calls, ms in all, pages per call, database, statement");
        while (top.next()) {
          String query = top.getString("query").replaceAll("\\s+", " ");
          System.out.printf(Locale.ROOT, "   %9d %9.0f %7d  %s  %s%n", top.getLong("calls"),
              top.getDouble("total_exec_time"), top.getLong("pages"), top.getString("datname"),
              query.length() > 150 ? query.substring(0, 150) + "…" : query);
        }
      }
    }
  }

  private void onServer(String sql) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }
}
