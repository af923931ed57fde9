package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The default ("embedded") profile as a user meets it over HTTP: engine REST behind HTTP Basic,
 * demo/demo accepted, Cockpit served, plugin paths not behind Basic auth.
 * Uses a private in-memory H2 database, never ./data.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1")
class EmbeddedProfileWebTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired IdentityService identityService;

  private final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private HttpResponse<String> get(String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    if (user != null) {
      String token = Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void defaultProfileIsEmbeddedOnH2WithDemoUser() {
    assertThat(processEngine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("h2");
    assertThat(identityService.createUserQuery().userId("demo").count()).isEqualTo(1);
    assertThat(identityService.checkPassword("demo", "demo")).isTrue();
    assertThat(identityService.createUserQuery().memberOfGroup("camunda-admin").userId("demo").count())
        .isEqualTo(1);
  }

  @Test
  void engineRestRejectsAnonymousCallers() throws Exception {
    HttpResponse<String> response = get("/engine-rest/process-definition", null, null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWithIgnoringCase("Basic"));
  }

  @Test
  void engineRestRejectsWrongPassword() throws Exception {
    assertThat(get("/engine-rest/process-definition", "demo", "wrong").statusCode()).isEqualTo(401);
    assertThat(get("/engine-rest/process-definition", "nobody", "demo").statusCode()).isEqualTo(401);
  }

  @Test
  void engineRestAcceptsDemoUser() throws Exception {
    HttpResponse<String> definitions = get("/engine-rest/process-definition", "demo", "demo");
    assertThat(definitions.statusCode()).isEqualTo(200);
    assertThat(definitions.body()).startsWith("[");

    HttpResponse<String> engines = get("/engine-rest/engine", "demo", "demo");
    assertThat(engines.statusCode()).isEqualTo(200);
    assertThat(engines.body()).contains("\"name\":\"default\"");
  }

  @Test
  void deployingNeedsCredentialsToo() throws Exception {
    HttpRequest anonymousDeploy = HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=x")
        .POST(HttpRequest.BodyPublishers.ofString("--x--\r\n"))
        .build();
    assertThat(http.send(anonymousDeploy, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  @Test
  void cockpitIsServed() throws Exception {
    HttpResponse<String> response = get("/camunda/app/cockpit/default/", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        value -> assertThat(value).startsWith("text/html"));
    assertThat(response.body()).containsIgnoringCase("<html").contains("cockpit");
  }

  @Test
  void pluginPathsAreNotBehindBasicAuth() throws Exception {
    // /api/** and /callbacks/** authenticate callers themselves (API keys, provider signatures).
    for (String path : new String[] {"/api/events", "/callbacks/twilio/status"}) {
      HttpResponse<String> response = get(path, null, null);
      // The plugin may answer 401 with its own challenge (e.g. Bearer), never Camunda's Basic one.
      assertThat(response.headers().allValues("WWW-Authenticate"))
          .as("%s must not ask for HTTP Basic", path)
          .noneSatisfy(value -> assertThat(value).startsWithIgnoringCase("Basic"));
    }
  }
}
