package io.touchpoint.provider.unconfigured;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTestApplication;
import io.touchpoint.trigger.Contact;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyEvent;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A host application that adds Touchpoint without provider settings and without enabling the simulator: nothing
 * pretends to send. The startup log names what each channel lacks, and a send becomes an incident at once.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = JourneyTestApplication.class, properties = {
    "spring.datasource.url=jdbc:h2:mem:unconfigured-${random.uuid};DB_CLOSE_DELAY=-1",
    "spring.application.name=touchpoint-unconfigured-channel-test",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.generic-properties.properties.historyTimeToLive=P180D",
    "camunda.bpm.auto-deployment-enabled=false",
    "touchpoint.public-base-url=https://touchpoint.test",
    "touchpoint.tracking.secret=unconfigured-test-secret"})
// its settings are its own: closed after the class rather than kept in the context cache for the rest of the run
@DirtiesContext
class UnconfiguredChannelJourneyTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired EventService events;
  @Autowired JdbcClient touchpointJdbc;

  @Test
  void startupLogSaysPerChannelWhichSettingsAreMissing(CapturedOutput output) {
    assertThat(output).contains("TOUCHPOINT-START-002 channel sms: NOT CONFIGURED, its sends fail with an incident; "
            + "set touchpoint.twilio.account-sid, touchpoint.twilio.auth-token, touchpoint.twilio.sms-from "
            + "(or touchpoint.twilio.messaging-service-sid) (or touchpoint.simulator.enabled=true")
        .contains("TOUCHPOINT-START-002 channel email: NOT CONFIGURED, its sends fail with an incident; "
            + "set spring.mail.host")
        .contains("TOUCHPOINT-START-002 channel push: NOT CONFIGURED, its sends fail with an incident; "
            + "set touchpoint.fcm.project-id, touchpoint.fcm.credentials-file")
        .doesNotContain("SIMULATED");
  }

  @Test
  void aSendWithoutProviderIsAnIncidentAtOnceAndNothingIsReportedSent() {
    repositoryService.createDeployment().addClasspathResource("samples/signup-welcome.bpmn").deploy();
    events.accept(new JourneyEvent("user.signup", null,
        new Contact("no-provider-1", "+15550001111", null, null, null, "Sam", null, null, null), Map.of()));
    ProcessInstance journey = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("no-provider-1")
        .singleResult();

    Job send = managementService.createJobQuery().processInstanceId(journey.getId()).singleResult();
    try {
      managementService.executeJob(send.getId());
    } catch (RuntimeException expected) {
      // the job executor records the failure; executed by hand, it is thrown here as well
    }

    Incident incident = runtimeService.createIncidentQuery().processInstanceId(journey.getId()).singleResult();
    assertThat(incident).as("an incident at the first failure, not after the retry cycle").isNotNull();
    assertThat(incident.getActivityId()).isEqualTo("SendWelcomeSms");
    assertThat(incident.getIncidentMessage()).startsWith("TOUCHPOINT-SEND-005 channel sms has no provider: "
        + "set touchpoint.twilio.account-sid, touchpoint.twilio.auth-token, touchpoint.twilio.sms-from");
    assertThat(touchpointJdbc.sql("select count(*) from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(Integer.class).single()).isZero();
  }
}
