package io.touchpoint.testapp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL server from the embedded binaries, started once per test JVM. */
public final class EmbeddedPostgresDatabase {

  private static EmbeddedPostgres server;

  private EmbeddedPostgresDatabase() {
  }

  /** Points the application at a new database of its own on the server. */
  public static void register(DynamicPropertyRegistry registry) {
    String url = newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  /** The JDBC URL of a new, empty database on the server (user and password {@code postgres}). */
  public static synchronized String newDatabase() {
    if (server == null) {
      try {
        // pg_stat_statements: tests may read how many pages a statement read
        server = EmbeddedPostgres.builder().setRegisterShutdownHook(false)
            .setServerConfig("shared_preload_libraries", "pg_stat_statements").start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // stopped once the cached applications have closed, not beside them (as its own hook would): an application
      // still closing would wait for a database that is gone
      SpringApplication.getShutdownHandlers().add(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      });
    }
    String database = "touchpoint_" + System.nanoTime();
    try (var connection = server.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("create database " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return server.getJdbcUrl("postgres", database);
  }
}
