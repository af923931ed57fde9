package io.touchpoint.testapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;

/**
 * A Touchpoint node in a process of its own, from the test's classpath: a real JVM that a test can kill with
 * SIGKILL (no shutdown hook, no graceful stop), as a crashed machine would die. Its log goes to a file.
 */
public final class ClusterNode implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ClusterNode(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts a node with these Spring properties and waits until it serves HTTP. */
  /**
   * What every node of a two-node test shares: one PostgreSQL, the job executor on, Touchpoint with the fake
   * Twilio; a test adds what it is about (locks, heartbeats, limits).
   */
  public static Map<String, String> properties(String jdbcUrl, String twilioBaseUrl) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", jdbcUrl);
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "postgres");
    properties.put("spring.datasource.hikari.maximum-pool-size", "30");
    properties.put("server.port", "0");
    properties.put("camunda.bpm.job-execution.enabled", "true");
    properties.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
    properties.put("camunda.bpm.generic-properties.properties.historyTimeToLive", "P180D");
    properties.put("camunda.bpm.auto-deployment-enabled", "false");
    properties.put("touchpoint.public-base-url", "https://touchpoint.test");
    properties.put("touchpoint.api.keys", "test-key");
    properties.put("touchpoint.tracking.secret", "cluster-test-secret");
    properties.put("touchpoint.twilio.account-sid", JourneyTest.ACCOUNT_SID);
    properties.put("touchpoint.twilio.auth-token", JourneyTest.AUTH_TOKEN);
    properties.put("touchpoint.twilio.sms-from", "+15550000000");
    properties.put("touchpoint.twilio.api-base-url", twilioBaseUrl);
    return properties;
  }

  public static ClusterNode start(String name, Map<String, String> properties) {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--server.port=" + port));
    properties.forEach((property, value) -> {
      if (!property.equals("server.port")) {
        command.add("--" + property + "=" + value);
      }
    });
    Path log = Path.of("target", "cluster-node-" + name + ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      ClusterNode node = new ClusterNode(process, port, log);
      node.awaitHttp();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** kill -9: the node stops mid-work, without shutting anything down. */
  public void crash() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** kill -TERM: the node shuts down gracefully, as for a deploy. @return how long it took to exit */
  public Duration stop() {
    long asked = System.nanoTime();
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Duration.ofNanos(System.nanoTime() - asked);
  }

  /**
   * kill -STOP: the node stops mid-work and its connections stay open, as when its machine loses power, its VM
   * freezes or its network is cut: its database sessions, and the locks of their open transactions, outlive it.
   */
  public void freeze() {
    try {
      int status = new ProcessBuilder("kill", "-STOP", String.valueOf(process.pid())).start().waitFor();
      if (status != 0) {
        throw new IllegalStateException("kill -STOP " + process.pid() + " exited with " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    crash();
  }

  private void awaitHttp() {
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("node died at start; see " + log.toAbsolutePath());
      }
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() > 0;
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The node's entry point: the test application, as a user's Camunda application with Touchpoint. */
  public static final class Main {

    public static void main(String[] args) {
      SpringApplication.run(JourneyTestApplication.class, args);
    }
  }
}
