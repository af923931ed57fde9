package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioMessagesFake;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A journey's new version deployed in shadow mode runs beside the live version for every contact the live one
 * starts for; its sends are recorded as shadow and never reach a provider, until the version is deployed live.
 */
class ShadowModeJourneyTest extends JourneyTest {

  private static final String KEY = "shadowed-welcome";

  private final List<String> deployments = new ArrayList<>();

  @BeforeEach
  void twilioKeepsWhatItIsAskedToSend() {
    TWILIO.stubFor(sendMessage().willReturn(aResponse().withTransformers(TwilioMessagesFake.NAME)));
  }

  @AfterEach
  void undeploy() {
    deployments.forEach(id -> repositoryService.deleteDeployment(id, true));
  }

  @Test
  void aShadowVersionRunsBesideTheLiveOneAndItsSendsNeverReachAProvider() throws Exception {
    deployVersion("welcome-v1.bpmn");
    deployVersion("welcome-v2-shadow.bpmn");

    JsonNode started = json(sendEvent(signedUp("evt-shadow-1", "u-shadow-1", "+15558100001")), 202).path("started");
    assertThat(started).hasSize(2);
    assertThat(started.get(0).has("shadow")).as("the live start is reported as before").isFalse();
    assertThat(started.get(1).path("shadow").asBoolean()).isTrue();
    ProcessInstance live = instanceOn(1, "u-shadow-1");
    ProcessInstance shadow = instanceOn(2, "u-shadow-1");
    runDueJobs(live);
    runDueJobs(shadow);

    assertThat(TWILIO_MESSAGES.messagesTo("+15558100001")).extracting(TwilioMessagesFake.Message::body)
        .containsExactly("Welcome Ana");
    assertThat(MAIL.getReceivedMessagesForDomain("shadow.test")).isEmpty();
    Delivery shadowSms = deliveryOf(shadow, "Welcome");
    assertThat(shadowSms.outcome()).isEqualTo(Outcome.SHADOW);
    assertThat(shadowSms.providerMessageId()).isNull();
    assertThat(deliveryOf(shadow, "Guide").outcome()).isEqualTo(Outcome.SHADOW);
    assertThat(ledger.statuses(shadowSms.id())).isEmpty();
    assertThat(shadow).isWaitingAt("Gate");
    assertThat(live).isWaitingAt("Gate");

    // the live send's status moves only the live contact; the shadow run hears nothing and waits out its day
    twilioReportsStatus(deliveryOf(live, "Welcome").providerMessageId(), "delivered");
    runDueJobs(live);
    assertThat(live).isEnded().hasPassed("Welcomed");
    assertThat(shadow).isWaitingAt("Gate");
    timePasses(Duration.ofDays(1), shadow);
    assertThat(shadow).isEnded().hasPassed("NotReached");
    assertThat(TWILIO_MESSAGES.messagesTo("+15558100001")).hasSize(1);

    // the journey's figures are the live version's; the shadow version's are its own, with what it would have sent
    JsonNode journey = json(callApi("GET", "/api/analytics/journeys/" + KEY), 200);
    assertThat(journey.path("summary").path("started").asInt()).isEqualTo(1);
    assertThat(step(journey, "Welcome").path("sent").asInt()).isEqualTo(1);
    assertThat(step(journey, "Welcome").path("shadow").asInt()).isZero();
    JsonNode shadowVersion = json(callApi("GET", "/api/analytics/journeys/" + KEY + "?version=2"), 200);
    assertThat(shadowVersion.path("summary").path("started").asInt()).isEqualTo(1);
    assertThat(step(shadowVersion, "Welcome").path("shadow").asInt()).isEqualTo(1);
    assertThat(step(shadowVersion, "Welcome").path("sent").asInt()).isZero();
    assertThat(step(shadowVersion, "Guide").path("shadow").asInt()).isEqualTo(1);
    String journeys = callApi("GET", "/api/analytics/journeys.csv").body();
    assertThat(journeys.lines().filter(line -> line.startsWith(KEY + ","))).singleElement().asString()
        .contains(",1 2,1,");
  }

  @Test
  void theShadowRunAppliesTheReentryRuleToItsOwnRuns() throws Exception {
    deployVersion("welcome-v1.bpmn");
    deployVersion("welcome-v2-shadow.bpmn");
    json(sendEvent(signedUp("evt-shadow-2", "u-shadow-2", "+15558100002")), 202);
    ProcessInstance live = instanceOn(1, "u-shadow-2");
    runDueJobs(live);
    twilioReportsStatus(deliveryOf(live, "Welcome").providerMessageId(), "delivered");
    runDueJobs(live);
    assertThat(live).isEnded();

    // the live run ended, the shadow run still waits: only the live journey lets the contact in again
    JsonNode again = json(sendEvent(signedUp("evt-shadow-3", "u-shadow-2", "+15558100002")), 202);
    assertThat(again.path("started")).hasSize(1);
    assertThat(again.path("started").get(0).has("shadow")).isFalse();
    assertThat(again.path("skipped").get(0).path("reason").asText()).isEqualTo("already in this journey");
  }

  @Test
  void deployingTheVersionAgainWithoutShadowModeMakesItLive() throws Exception {
    deployVersion("welcome-v1.bpmn");
    deployVersion("welcome-v2-shadow.bpmn");
    deployVersion("welcome-v3-live.bpmn");

    JsonNode started = json(sendEvent(signedUp("evt-shadow-4", "u-shadow-4", "+15558100004")), 202).path("started");
    assertThat(started).hasSize(1);
    ProcessInstance instance = instanceOn(3, "u-shadow-4");
    runDueJobs(instance);
    assertThat(TWILIO_MESSAGES.messagesTo("+15558100004")).extracting(TwilioMessagesFake.Message::body)
        .containsExactly("Hi Ana, welcome aboard");
    assertThat(deliveryOf(instance, "Guide").outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void shadowModeOtherThanTrueOrFalseIsRefusedNamingTheStart() {
    String bpmn = resource("welcome-v2-shadow.bpmn").replace("name=\"touchpoint.shadow\" value=\"true\"",
        "name=\"touchpoint.shadow\" value=\"yes\"");
    assertThatThrownBy(() -> repositoryService.createDeployment().addString("journey.bpmn", bpmn).deploy())
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("TOUCHPOINT-DEPLOY-016 Journey start 'SignedUp' has shadow mode 'yes'; "
            + "expected true or false")
        .satisfies(e -> assertThat(((ParseException) e).getResorceReports().get(0).getErrors())
            .anySatisfy(problem -> assertThat(problem.getMainElementId()).isEqualTo("SignedUp")));
  }

  private void deployVersion(String file) {
    deployments.add(repositoryService.createDeployment().addClasspathResource("bpmn/shadow/" + file).deploy().getId());
  }

  private ProcessInstance instanceOn(int version, String contactId) {
    String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY)
        .processDefinitionVersion(version).singleResult().getId();
    return runtimeService.createProcessInstanceQuery().processDefinitionId(definitionId)
        .processInstanceBusinessKey(contactId).singleResult();
  }

  private static String signedUp(String eventId, String contactId, String phone) {
    return """
        {"name":"test.shadow-signup","id":"%s","contact":{"id":"%s","phone":"%s","email":"%s@shadow.test",
        "firstName":"Ana"}}""".formatted(eventId, contactId, phone, contactId);
  }

  private static JsonNode step(JsonNode report, String activityId) {
    for (JsonNode component : report.path("components")) {
      if (component.path("activityId").asText().equals(activityId)) {
        return component.path("counts");
      }
    }
    throw new AssertionError("no step " + activityId + " in " + report);
  }

  private static String resource(String file) {
    try (InputStream in = ShadowModeJourneyTest.class.getResourceAsStream("/bpmn/shadow/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
