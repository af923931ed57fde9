package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample journey as shipped: signup → SMS welcome → [delivered → 1 day → SMS tip] / [failed] / [silence]. */
class SignupWelcomeJourneyTest extends JourneyTest {

  ProcessInstance journey;

  @BeforeEach
  void anaSignsUp() {
    deploy("samples/signup-welcome.bpmn");
    String ana = "ana-" + UUID.randomUUID();
    assertThat(sendEvent(signupEvent("signup-" + ana, ana, "+15551230001", "Ana")).statusCode()).isEqualTo(202);
    journey = instanceOf("signup-welcome", ana);
    assertThat(journey).isWaitingAt("SendWelcomeSms");
    runDueJobs(journey);
  }

  @Test
  void deliveredWelcomeIsFollowedByATipOneDayLater() {
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("+15551230001"))
        .withFormParam("From", equalTo("+15550000000"))
        .withFormParam("Body", equalTo("Hi Ana, welcome to Touchpoint! Reply STOP to opt out."))
        .withFormParam("StatusCallback", matching("https://touchpoint\\.test/callbacks/twilio/status\\?send=.+")));
    assertThat(journey).isWaitingAt("WelcomeOutcome");

    twilioReportsStatus(deliveryOf(journey, "SendWelcomeSms").providerMessageId(), "delivered");
    assertThat(journey).isWaitingAt("WaitOneDay");

    timePasses(Duration.ofHours(23), journey);
    assertThat(journey).isWaitingAt("WaitOneDay");
    timePasses(Duration.ofHours(2), journey);

    assertThat(journey).hasPassedInOrder("SignedUp", "SendWelcomeSms", "WelcomeOutcome", "WelcomeDelivered",
        "WaitOneDay", "SendTipSms", "TipSent").isEnded();
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("Body", containing("Ana, tip:")));
  }

  @Test
  void aContactWithoutAFirstNameIsWelcomedAndTippedWithoutOne() {
    String contact = "nameless-" + UUID.randomUUID();
    sendEvent("""
        {"name":"user.signup","id":"evt-%s","contact":{"id":"%s","phone":"+15551230002"}}"""
        .formatted(contact, contact));
    ProcessInstance nameless = instanceOf("signup-welcome", contact);

    runDueJobs(nameless);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15551230002"))
        .withFormParam("Body", equalTo("Hi there, welcome to Touchpoint! Reply STOP to opt out.")));
    twilioReportsStatus(deliveryOf(nameless, "SendWelcomeSms").providerMessageId(), "delivered");
    timePasses(Duration.ofHours(25), nameless);

    assertThat(nameless).hasPassed("SendTipSms", "TipSent").isEnded();
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("+15551230002"))
        .withFormParam("Body", equalTo("Hi, tip: reply to any message to reach our team.")));
  }

  @Test
  void failedWelcomeEndsTheJourney() {
    twilioReportsStatus(deliveryOf(journey, "SendWelcomeSms").providerMessageId(), "undelivered");

    assertThat(journey).hasPassed("WelcomeFailed", "WelcomeNotDelivered").isEnded();
    assertThat(journey).hasNotPassed("SendTipSms");
  }

  @Test
  void noStatusWithinAnHourEndsTheJourney() {
    timePasses(Duration.ofMinutes(61), journey);

    assertThat(journey).hasPassed("NoStatusWithinOneHour", "NoStatus").isEnded();
    assertThat(journey).hasNotPassed("WelcomeDelivered", "WelcomeFailed");
  }

  @Test
  void nodeThatRebuildsItsDeploymentCacheRunsTheJourneyAlike() {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache()
        .discardProcessDefinitionCache();
    String contact = "node-b-" + UUID.randomUUID();
    sendEvent(signupEvent("evt-" + contact, contact, "+15551230009", "Bo"));
    ProcessInstance journey = instanceOf("signup-welcome", contact);

    runDueJobs(journey);

    assertThat(runtimeService.createEventSubscriptionQuery().processInstanceId(journey.getId())
        .eventName("touchpoint:" + deliveryOf(journey, "SendWelcomeSms").id() + ":delivered").count()).isEqualTo(1);
  }
}
