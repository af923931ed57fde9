package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "postgres" profile on a real PostgreSQL (embedded binaries): the engine creates its schema
 * there, the demo user does not exist, and the admin from TOUCHPOINT_ADMIN_USER/PASSWORD does.
 *
 * <p>{@code @DirtiesContext} closes the engine (and its job executor) right after this class, while
 * PostgreSQL still runs; the database itself stops with zonky's JVM shutdown hook.
 */
@ActiveProfiles("postgres")
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"TOUCHPOINT_ADMIN_USER=ops", "TOUCHPOINT_ADMIN_PASSWORD=s3cret-ops"})
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

  private HttpResponse<String> basicGet(String path, String user, String password) throws Exception {
    String token = Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + token).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
