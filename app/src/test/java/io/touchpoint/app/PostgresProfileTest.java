package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.app.security.AccessGroups;
import io.touchpoint.channel.email.EmailConnector;
import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.channel.sms.SmsConnector;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "postgres" profile on a real PostgreSQL (embedded binaries), as production runs it: the engine creates its
 * schema there; no demo user, no sample journeys, no simulator; the admin from TOUCHPOINT_ADMIN_USER/PASSWORD
 * exists; Camunda authorization is on, with Touchpoint's groups; history cleanup is scheduled; and the app does not
 * start without its public URL and tracking secret.
 *
 * <p>{@code @DirtiesContext} closes the engine (and its job executor) right after this class, while
 * PostgreSQL still runs; the database itself stops with zonky's JVM shutdown hook.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"TOUCHPOINT_ADMIN_USER=ops", "TOUCHPOINT_ADMIN_PASSWORD=s3cret-ops",
        // what an operator sets as TOUCHPOINT_PUBLIC_BASE_URL / TOUCHPOINT_TRACKING_SECRET
        "touchpoint.public-base-url=https://touchpoint.example.com",
        "touchpoint.tracking.secret=postgres-profile-test-secret"})
class PostgresProfileTest {

  static final EmbeddedPostgres POSTGRES = start();

  static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start", e);
    }
  }

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    // The variables an operator sets (application-postgres.yaml maps them to spring.datasource.*).
    registry.add("TOUCHPOINT_DB_URL", () -> "jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres");
    registry.add("TOUCHPOINT_DB_USER", () -> "postgres");
    registry.add("TOUCHPOINT_DB_PASSWORD", () -> "postgres");
  }

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ApplicationContext context;

  @Test
  void engineRunsOnPostgres() {
    assertThat(processEngine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
    assertThat(processEngine.getManagementService().getTableCount()).containsKey("ACT_RU_EXECUTION");
  }

  @Test
  void noDemoUserInPostgresProfile() throws Exception {
    assertThat(identityService.createUserQuery().userId("demo").count()).isZero();
    assertThat(basicGet("/engine-rest/process-definition", "demo", "demo").statusCode()).isEqualTo(401);
  }

  @Test
  void adminFromEnvironmentIsCreated() throws Exception {
    assertThat(identityService.createUserQuery().userId("ops").memberOfGroup("camunda-admin").count())
        .isEqualTo(1);
    assertThat(basicGet("/engine-rest/process-definition", "ops", "s3cret-ops").statusCode()).isEqualTo(200);
  }

  // ---- safe defaults

  @Test
  void sampleJourneysAreNotDeployed() {
    // (signup-welcome is left out: the authorization tests deploy it)
    assertThat(processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKeyIn(
        "multichannel-onboarding", "abandoned-cart", "channel-fallback", "promo-campaign-week",
        "post-purchase-follow-up", "lead-reengagement").count()).isZero();
  }

  @Test
  void channelsWithoutProviderSettingsAreNotSimulated() {
    assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("unconfigured");
    assertThat(context.getBean(EmailConnector.class).provider()).isEqualTo("unconfigured");
    assertThat(context.getBean(PushConnector.class).provider()).isEqualTo("unconfigured");
  }

  @Test
  void startupFailsNamingTheTrackingSecretAndThePublicUrlWhenTheyAreMissing() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(TouchpointApplication.class).profiles("postgres")
        .properties("server.port=0", "spring.application.name=touchpoint-without-secrets",
            "TOUCHPOINT_DB_URL=jdbc:postgresql://localhost:" + POSTGRES.getPort() + "/postgres",
            "TOUCHPOINT_DB_USER=postgres", "TOUCHPOINT_DB_PASSWORD=postgres")
        .run().close())
        .rootCause()
        .hasMessageContaining("TOUCHPOINT-CONFIG-007 set touchpoint.public-base-url (TOUCHPOINT_PUBLIC_BASE_URL)")
        .hasMessageContaining("TOUCHPOINT-CONFIG-008 set touchpoint.tracking.secret (TOUCHPOINT_TRACKING_SECRET)");
  }

  // ---- authorization

  @Test
  void authorizationIsOn() {
    assertThat(processEngine.getProcessEngineConfiguration().isAuthorizationEnabled()).isTrue();
  }

  @Test
  void aUserWithoutGrantsCannotDeploy() throws Exception {
    user("nobody", "nobody-pw");

    assertThat(deploy("nobody", "nobody-pw", "no-grants").statusCode()).isEqualTo(403);
    assertThat(processEngine.getRepositoryService().createDeploymentQuery().deploymentName("no-grants").count())
        .isZero();
  }

  @Test
  void anAnalystDeploysAJourneyButCannotCancelInstances() throws Exception {
    user("ana", "ana-pw", AccessGroups.ANALYSTS);
    String running = waitingInstance();

    HttpResponse<String> deployed = deploy("ana", "ana-pw", "by-an-analyst");

    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    assertThat(basicGet("/engine-rest/process-definition/key/signup-welcome", "ana", "ana-pw").statusCode())
        .isEqualTo(200);
    assertThat(basicDelete("/engine-rest/process-instance/" + running, "ana", "ana-pw").statusCode()).isEqualTo(403);
    assertThat(processEngine.getRuntimeService().createProcessInstanceQuery().processInstanceId(running).count())
        .isEqualTo(1);
  }

  @Test
  void anOperatorCancelsInstancesButCannotDeploy() throws Exception {
    user("otto", "otto-pw", AccessGroups.OPERATORS);
    String running = waitingInstance();

    assertThat(deploy("otto", "otto-pw", "by-an-operator").statusCode()).isEqualTo(403);
    assertThat(basicDelete("/engine-rest/process-instance/" + running, "otto", "otto-pw").statusCode())
        .isEqualTo(204);
    assertThat(processEngine.getAuthorizationService().isUserAuthorized("otto", List.of(AccessGroups.OPERATORS),
        Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
  }

  @Test
  void groupsAndGrantsAreCreatedOnceAcrossRestarts() {
    long grants = processEngine.getAuthorizationService().createAuthorizationQuery()
        .groupIdIn(AccessGroups.ANALYSTS, AccessGroups.OPERATORS, AccessGroups.API).count();
    assertThat(grants).as("grants of analysts, operators and the API, and the engine's own on each group")
        .isGreaterThanOrEqualTo(9);

    new AccessGroups().postProcessEngineBuild(processEngine);

    assertThat(processEngine.getAuthorizationService().createAuthorizationQuery()
        .groupIdIn(AccessGroups.ANALYSTS, AccessGroups.OPERATORS, AccessGroups.API).count()).isEqualTo(grants);
    assertThat(identityService.createGroupQuery().groupIdIn(AccessGroups.ANALYSTS, AccessGroups.OPERATORS,
        AccessGroups.API).count()).isEqualTo(3);
  }

  // ---- several nodes

  @Test
  void postgresEndsTheSessionsOfANodeThatDiedWithoutClosingThem() {
    JdbcTemplate session = new JdbcTemplate(context.getBean(DataSource.class));

    assertThat(session.queryForObject("show idle_in_transaction_session_timeout", String.class))
        .as("no longer than a job's lock (camunda.bpm.job-execution.lock-time-in-millis)").isEqualTo("30s");
    assertThat(session.queryForObject("show tcp_keepalives_idle", String.class)).isEqualTo("30");
    assertThat(session.queryForObject("show tcp_keepalives_count", String.class)).isEqualTo("3");
    assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getJobExecutor()
        .getLockTimeInMillis()).isEqualTo(30_000);
  }

  // ---- history cleanup

  @Test
  void historyCleanupRunsNightlyAndRemovesAJourneysHistoryItsTimeToLiveAfterItEnded() {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(historyService.findHistoryCleanupJobs()).isNotEmpty();

    // a journey without a time to live of its own gets the default
    processEngine.getRepositoryService().createDeployment().addModelInstance("short.bpmn",
        Bpmn.createExecutableProcess("short-journey").startEvent().endEvent().done()).deploy();
    String id = processEngine.getRuntimeService().startProcessInstanceByKey("short-journey").getId();

    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery().processInstanceId(id)
        .singleResult();
    assertThat(ended.getRemovalTime()).isEqualTo(
        new Date(ended.getEndTime().getTime() + Duration.ofDays(180).toMillis()));
  }

  /** A journey instance waiting a day at a timer, started by the system (no user). */
  private String waitingInstance() {
    if (processEngine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("waiting-journey")
        .count() == 0) {
      processEngine.getRepositoryService().createDeployment().addModelInstance("waiting.bpmn",
          Bpmn.createExecutableProcess("waiting-journey").startEvent().intermediateCatchEvent().timerWithDuration("P1D")
              .endEvent().done()).deploy();
    }
    return processEngine.getRuntimeService().startProcessInstanceByKey("waiting-journey").getId();
  }

  private void user(String id, String password, String... groups) {
    if (identityService.createUserQuery().userId(id).count() == 0) {
      User user = identityService.newUser(id);
      user.setPassword(password);
      identityService.saveUser(user);
      for (String group : groups) {
        identityService.createMembership(id, group);
      }
    }
  }

  private HttpResponse<String> deploy(String user, String password, String deploymentName) throws Exception {
    byte[] journey;
    try (InputStream in = getClass().getResourceAsStream("/touchpoint/samples/signup-welcome.bpmn")) {
      journey = in.readAllBytes();
    }
    String boundary = "touchpoint-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n"
        + deploymentName + "\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"signup-welcome.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + new String(journey, StandardCharsets.UTF_8)
        + "\r\n--" + boundary + "--\r\n";
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
            .header("Authorization", basic(user, password))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> basicGet(String path, String user, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user, password)).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> basicDelete(String path, String user, String password) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", basic(user, password)).DELETE().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
