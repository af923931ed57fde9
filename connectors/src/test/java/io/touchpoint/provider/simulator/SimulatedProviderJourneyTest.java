package io.touchpoint.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTestApplication;
import io.touchpoint.trigger.Contact;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyEvent;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Without Twilio credentials, and with the simulator enabled, SMS runs on the simulator, whose statuses travel the same intake as
 * real callbacks, so a journey branches with no account at all. Job executor on, as in the app.
 */
class SimulatedProviderJourneyTest {

  @SpringBootTest(classes = JourneyTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
          "spring.datasource.url=jdbc:h2:mem:simulator-${random.uuid};DB_CLOSE_DELAY=-1",
          "camunda.bpm.generic-properties.properties.historyTimeToLive=P180D",
          "camunda.bpm.auto-deployment-enabled=false",
          "camunda.bpm.job-execution.wait-time-in-millis=50",
          "camunda.bpm.job-execution.max-wait=200",
          "touchpoint.public-base-url=https://touchpoint.test",
          "touchpoint.tracking.secret=simulator-test-secret",
          "touchpoint.simulator.enabled=true",
          "touchpoint.simulator.sent-after=10ms",
          "touchpoint.simulator.delivered-after=50ms",
          "touchpoint.simulator.reply-rate=0"
      })
  // no other class runs on these settings: closed afterwards, not left in the context cache with its job executor on
  @DirtiesContext
  abstract static class SimulatorJourney {
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    EventService events;
    @Autowired
    DeliveryLedger ledger;

    @BeforeEach
    void deploySample() {
      init(engine);
      repositoryService.createDeployment().addClasspathResource("samples/signup-welcome.bpmn").deploy();
    }

    ProcessInstance signUp() {
      String contact = "sim-" + UUID.randomUUID();
      events.accept(new JourneyEvent("user.signup", null,
          new Contact(contact, "+15550001111", null, null, null, "Sam", null, null, null), Map.of()));
      return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).singleResult();
    }

    Delivery welcome(ProcessInstance journey) {
      return ledger.findById((String) historyService.createHistoricVariableInstanceQuery()
          .processInstanceId(journey.getId()).variableName(StatusMessages.deliveryVariable("SendWelcomeSms"))
          .singleResult().getValue()).orElseThrow();
    }
  }

  // one application per set of simulator settings: each is started once, for every scenario it serves

  @Nested
  @TestPropertySource(properties = {"touchpoint.simulator.failure-rate=0", "touchpoint.simulator.read-rate=1",
      "touchpoint.simulator.read-after=80ms", "touchpoint.simulator.reply-rate=1", "touchpoint.simulator.reply-after=120ms"})
  class WhenEveryMessageArrivesIsReadAndAnswered extends SimulatorJourney {
    @Test
    void welcomeIsDeliveredAndTheJourneyWaitsADayForTheTip() {
      ProcessInstance journey = signUp();

      await().pollInSameThread().untilAsserted(() -> assertThat(journey).isWaitingAt("WaitOneDay"));
      Delivery delivery = welcome(journey);
      assertThat(delivery.provider()).isEqualTo("simulator");
      assertThat(ledger.statuses(delivery.id())).contains(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    @Test
    void offerIsReadThenAnsweredAndTheJourneyBranchesOnTheReply() {
      repositoryService.createDeployment().addClasspathResource("bpmn/whatsapp-offer.bpmn").deploy();
      String contact = "sim-wa-" + UUID.randomUUID();
      events.accept(new JourneyEvent("test.whatsapp", null,
          new Contact(contact, "+15550002222", null, null, null, "Sam", null, null, null),
          Map.of("contentSid", "HX0123456789abcdef0123456789abcdef")));
      ProcessInstance offer = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact)
          .singleResult();

      await().pollInSameThread().untilAsserted(() -> assertThat(offer).hasPassed("Read", "Replied").isEnded());
      assertThat(offer).hasPassed("EndDeclined");
    }

    @Test
    void guideIsOpenedThenClicked() {
      repositoryService.createDeployment().addClasspathResource("bpmn/email-guide.bpmn").deploy();
      String contact = "sim-mail-" + UUID.randomUUID();
      events.accept(new JourneyEvent("test.email", null,
          new Contact(contact, null, null, "sam@example.test", null, "Sam", null, null, null), Map.of()));
      ProcessInstance guide = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact)
          .singleResult();

      await().pollInSameThread().untilAsserted(() -> assertThat(guide).hasPassed("Opened", "Clicked").isEnded());
    }
  }

  @Nested
  @TestPropertySource(properties = "touchpoint.simulator.failure-rate=1")
  class WhenEveryMessageFails extends SimulatorJourney {
    @Test
    void welcomeFailsAndTheJourneyEnds() {
      ProcessInstance journey = signUp();

      await().pollInSameThread().untilAsserted(() -> assertThat(journey).hasPassed("WelcomeFailed").isEnded());
    }

    @Test
    void guideBounces() {
      repositoryService.createDeployment().addClasspathResource("bpmn/email-guide.bpmn").deploy();
      String contact = "sim-bounce-" + UUID.randomUUID();
      events.accept(new JourneyEvent("test.email", null,
          new Contact(contact, null, null, "sam@example.test", null, "Sam", null, null, null), Map.of()));
      ProcessInstance guide = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact)
          .singleResult();

      await().pollInSameThread().untilAsserted(() -> assertThat(guide).hasPassed("Bounced").isEnded());
    }
  }
}
