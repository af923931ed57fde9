package io.touchpoint.preview;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.testapp.JourneyTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A journey's sends rendered for a contact without sending, and one step test-sent to an operator's number. */
class JourneyPreviewTest extends JourneyTest {

  private static final String ANA = "\"contact\":{\"id\":\"u-preview\",\"phone\":\"+15557300001\",\"firstName\":\"Ana\"}";

  private String deployment;

  @BeforeEach
  void deploy() {
    deployment = repositoryService.createDeployment().addClasspathResource("bpmn/preview-errors.bpmn").deploy().getId();
  }

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment, true);
  }

  @Test
  void eachSendStepIsRenderedAndAFreeMarkerErrorIsNamedByItsStepNothingSent() throws Exception {
    JsonNode steps = json(postJson("/api/journeys/preview-errors/preview", "{" + ANA + "}"), 200).path("steps");

    assertThat(steps).hasSize(2);
    JsonNode greeting = steps.get(0);
    assertThat(greeting.path("id").asText()).isEqualTo("Greeting");
    assertThat(greeting.path("channel").asText()).isEqualTo("sms");
    assertThat(greeting.path("rendered").path("to").asText()).isEqualTo("+15557300001");
    assertThat(greeting.path("rendered").path("text").asText()).isEqualTo("Hello Ana");
    assertThat(greeting.path("errors")).isEmpty();
    JsonNode thanks = steps.get(1);
    assertThat(thanks.path("id").asText()).isEqualTo("Thanks");
    assertThat(thanks.path("rendered").isNull()).isTrue();
    assertThat(thanks.path("errors").get(0).asText()).startsWith("'Thanks', input 'text': ").contains("order");

    JsonNode withOrder = json(postJson("/api/journeys/preview-errors/preview",
        "{" + ANA + ",\"data\":{\"order\":{\"total\":\"42 EUR\"}}}"), 200).path("steps").get(1);
    assertThat(withOrder.path("rendered").path("text").asText()).isEqualTo("Your order of 42 EUR is on its way");
    assertThat(withOrder.path("errors")).isEmpty();

    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("preview-errors").count()).isZero();
  }

  @Test
  void aTestSendGoesToTheOperatorsNumberThroughTheProviderMarkedAsATest() throws Exception {
    JsonNode sent = json(postJson("/api/journeys/preview-errors/steps/Greeting/test-send",
        "{" + ANA + ",\"to\":\"+15557300099\"}"), 202);
    awaitSendPipeline();

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15557300099"))
        .withFormParam("Body", equalTo("Hello Ana")));
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15557300001")));
    Delivery delivery = ledger.findById(sent.path("delivery").asText()).orElseThrow();
    assertThat(delivery.outcome()).isEqualTo(Delivery.Outcome.ACCEPTED);
    assertThat(delivery.journeyKey()).isEqualTo("test:preview-errors");
    assertThat(delivery.processInstanceId()).startsWith("test:");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("preview-errors").count()).isZero();
    assertThat(callApi("GET", "/api/analytics/journeys/preview-errors").body()).doesNotContain(delivery.id());
  }

  @Test
  void badPreviewsNameTheirFieldAndUnknownJourneysAreNotFound() throws Exception {
    assertThat(postJson("/api/journeys/no-such-journey/preview", "{" + ANA + "}").statusCode()).isEqualTo(404);
    assertThat(field(postJson("/api/journeys/preview-errors/preview", "{}"))).isEqualTo("contact");
    assertThat(field(postJson("/api/journeys/preview-errors/steps/Greeting/test-send", "{" + ANA + "}")))
        .isEqualTo("to");
    assertThat(field(postJson("/api/journeys/preview-errors/steps/Nowhere/test-send",
        "{" + ANA + ",\"to\":\"+15557300099\"}"))).isEqualTo("stepId");
    assertThat(field(postJson("/api/journeys/preview-errors/steps/Thanks/test-send",
        "{" + ANA + ",\"to\":\"+15557300099\"}"))).isEqualTo("stepId");
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
  }
}
