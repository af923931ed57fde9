package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every sample journey is deployed out of the box, and their webhooks reach the demo CRM and analytics stand-ins
 * through the embedded profile's configuration (secrets, loopback allowed) with the real job executor.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:touchpoint-${random.uuid};DB_CLOSE_DELAY=-1")
class SampleJourneysRunInTheEmbeddedProfileTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;

  @Test
  void everySampleJourneyIsDeployedAtStartup() {
    assertThat(repositoryService.createProcessDefinitionQuery().latestVersion().list())
        .extracting(definition -> definition.getKey())
        .contains("signup-welcome", "multichannel-onboarding", "abandoned-cart", "channel-fallback");
  }

  @Test
  void signupStartsTheOnboardingJourneyAndCartAbandonedTheRecovery() throws Exception {
    String contact = "u-" + UUID.randomUUID();

    assertThat(event("""
        {"name":"user.signup","contact":{"id":"%s","phone":"+15551234567","email":"ana@example.com","firstName":"Ana"}}"""
        .formatted(contact)).body()).contains("\"journey\":\"multichannel-onboarding\"");
    assertThat(event("""
        {"name":"cart.abandoned","contact":{"id":"%s","phone":"+15551234567","firstName":"Ana"},
         "data":{"cartUrl":"https://shop.example/cart/1","cartItems":"Trail shoes","cartTotal":"€89.90"}}"""
        .formatted(contact)).body()).contains("\"journey\":\"abandoned-cart\"");
  }

  @Test
  void onboardingMarksTheContactOnboardedInTheDemoCrm() {
    String contact = "u-" + UUID.randomUUID();

    ProcessInstance journey = runtimeService.createProcessInstanceByKey("multichannel-onboarding")
        .businessKey(contact).setVariable("contactId", contact).startBeforeActivity("MarkOnboardedInCrm").execute();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(variable(journey, "crmStatus")).isEqualTo(200));
    assertThat(variable(journey, "crmId")).isEqualTo("demo-crm-" + contact);
  }

  @Test
  void abandonedCartReportsToTheDemoAnalyticsTool() {
    ProcessInstance journey = runtimeService.createProcessInstanceByKey("abandoned-cart")
        .businessKey("u-" + UUID.randomUUID()).setVariable("contactId", "u-1")
        .setVariable("cartUrl", "https://shop.example/cart/1").setVariable("cartTotal", "€89.90")
        .startBeforeActivity("ReportNotRecovered").execute();

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(variable(journey, "analyticsStatus")).isEqualTo(202));
    assertThat(variable(journey, "analyticsError")).isNull();
  }

  private Object variable(ProcessInstance journey, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName(name).singleResult();
    return variable == null ? null : variable.getValue();
  }

  private HttpResponse<String> event(String json) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
            .header("Content-Type", "application/json").header("Authorization", "Bearer demo-key")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
