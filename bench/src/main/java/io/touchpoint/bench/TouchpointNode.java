package io.touchpoint.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Touchpoint node of the delivery-at-scale suite: a Spring context with the auto-configuration, Tomcat on a free
 * port, the SMS channel over the real Twilio SDK to the local fake, and the tuning the app ships (job executor 4-8
 * threads, 30 s job lock, Hikari 30). Several nodes on one database form a cluster, as several JVMs would; each
 * has its own engine name, job executor, send pipeline and launch workers.
 */
final class TouchpointNode implements AutoCloseable {

  private final ConfigurableApplicationContext context;
  private final String baseUrl;

  private TouchpointNode(ConfigurableApplicationContext context, String baseUrl) {
    this.context = context;
    this.baseUrl = baseUrl;
  }

  /**
   * @param name     the node's engine name, unique in this JVM
   * @param database Spring properties of the database (a new one for a first node, the same for its peers), and
   *                 any setting that replaces the shipped tuning
   */
  static TouchpointNode start(String name, Map<String, Object> database, String twilioBaseUrl) throws IOException {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.flyway.enabled", "false");
    properties.put("spring.freemarker.check-template-location", "false");
    // the app's shipped tuning (app/src/main/resources/application.yaml)
    properties.put("spring.datasource.hikari.maximum-pool-size", 30);
    properties.put("camunda.bpm.job-execution.enabled", "true");
    properties.put("camunda.bpm.job-execution.lock-time-in-millis", 30000);
    properties.put("camunda.bpm.job-execution.core-pool-size", 4);
    properties.put("camunda.bpm.job-execution.max-pool-size", 8);
    properties.put("camunda.bpm.job-execution.max-jobs-per-acquisition", 12);
    properties.put("camunda.bpm.job-execution.queue-capacity", 12);
    properties.put("camunda.bpm.generic-properties.properties.historyTimeToLive", "P180D");
    properties.put("touchpoint.tracking.secret", "bench-tracking-secret");
    properties.put("touchpoint.api.keys", TouchpointSide.API_KEY);
    properties.put("touchpoint.twilio.account-sid", TouchpointSide.ACCOUNT_SID);
    properties.put("touchpoint.twilio.auth-token", TouchpointSide.AUTH_TOKEN);
    properties.put("touchpoint.twilio.sms-from", TouchpointSide.SMS_FROM);
    properties.put("touchpoint.twilio.api-base-url", twilioBaseUrl);
    // the database's, and whatever the command line set for every node
    properties.putAll(database);
    int port = freePort();
    String baseUrl = "http://localhost:" + port;
    properties.put("server.port", port);
    properties.put("camunda.bpm.process-engine-name", name);
    properties.put("touchpoint.public-base-url", baseUrl);
    ConfigurableApplicationContext context = new SpringApplicationBuilder(TouchpointSide.App.class)
        .properties(properties).web(WebApplicationType.SERVLET).run();
    return new TouchpointNode(context, baseUrl);
  }

  /** The SMS journey of the benchmark (Touchpoint start on {@code bench.signup}); once per cluster. */
  TouchpointNode deploySmsJourney() {
    context.getBean(RepositoryService.class).createDeployment().name("bench")
        .addClasspathResource(TouchpointSide.RESOURCE).deploy();
    return this;
  }

  String baseUrl() {
    return baseUrl;
  }

  /** After a warm-up: statistics for the planner, see {@link BenchDatabases#analyze}. */
  void analyze() throws SQLException {
    BenchDatabases.analyze(context.getBean(DataSource.class));
  }

  ConfigurableApplicationContext context() {
    return context;
  }

  @Override
  public void close() {
    context.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
