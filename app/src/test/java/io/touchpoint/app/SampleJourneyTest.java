package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Out of the box the app has the sample journey deployed, says which providers are simulated,
 * starts the journey from the README's curl and refuses a broken journey naming its element.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // a context of its own (not one cached by another class), so its startup log is captured here
    properties = {"spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1",
        "spring.application.name=touchpoint-sample-journey-test"})
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
  void startupLogSaysSmsIsSimulatedWithoutTwilioCredentials(CapturedOutput output) {
    assertThat(output).contains("TOUCHPOINT-START-001 channel sms: SIMULATED");
  }

  @Test
  void brokenJourneyDeployedOverRestIsRefusedWith400NamingTheElement() throws Exception {
    String sample = new String(getClass().getResourceAsStream("/touchpoint/samples/signup-welcome.bpmn").readAllBytes(),
        StandardCharsets.UTF_8);
    String broken = sample.replace("value=\"delivered\"", "value=\"read\"");
    String boundary = "touchpoint-" + System.nanoTime();
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbroken\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"broken.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n" + broken + "\r\n--" + boundary + "--\r\n";

    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"mainElementId\":\"WelcomeDelivered\"")
        .contains("waits for 'read', but its send 'SendWelcomeSms' is SMS");
    assertThat(repositoryService.createDeploymentQuery().deploymentName("broken").count()).isZero();
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
