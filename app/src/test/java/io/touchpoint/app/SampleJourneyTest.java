package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Out of the box the app has the sample journey deployed and starts it from the README's curl. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1")
class SampleJourneyTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;

  @Test
  void sampleJourneyIsDeployedAtStartup() {
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("signup-welcome").count())
        .isEqualTo(1);
  }

  @Test
  void readmeSignupEventStartsTheSampleJourneyWithTheDemoKey() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer demo-key")
            .POST(HttpRequest.BodyPublishers.ofString("""
                {"name":"user.signup","id":"evt-readme","contact":{"id":"u-42","phone":"+15551234567","firstName":"Ana"}}"""))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).contains("\"journey\":\"signup-welcome\"");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("signup-welcome")
        .processInstanceBusinessKey("u-42").count()).isEqualTo(1);
  }
}
