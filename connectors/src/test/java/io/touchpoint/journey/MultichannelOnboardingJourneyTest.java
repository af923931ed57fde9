package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code multichannel-onboarding} as shipped: signup → WhatsApp welcome with tips → [delivered → 1 day] /
 * [failed] / [no status within 1 day] → email "Getting Started" guide with the PDF → [opened] / [bounced] / [not
 * opened within 1 day] → push "complete your profile" → CRM marks the contact onboarded.
 */
class MultichannelOnboardingJourneyTest extends SampleJourneyTest {

  Contact ana;
  ProcessInstance journey;

  @BeforeEach
  void anaSignsUp() {
    deploy("samples/multichannel-onboarding.bpmn");
    fcmAcceptsNotifications();
    ana = Contact.fresh("ana");
    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"crm-4711\",\"lifecycleStage\":\"onboarded\"}")));

    assertThat(sendEvent("""
        {"name":"user.signup","id":"signup-%s","contact":{"id":"%s","phone":"%s","email":"%s","pushToken":"%s",
         "firstName":"Ana"}}""".formatted(ana.id(), ana.id(), ana.phone(), ana.email(), ana.pushToken()))
        .statusCode()).isEqualTo(202);
    journey = instanceOf("multichannel-onboarding", ana.id());
    runDueJobs(journey);
  }

  @Test
  void welcomeOnWhatsAppCarriesTheUsageTips() {
    TWILIO.verify(messageTo(ana.whatsapp())
        .withFormParam("From", equalTo("whatsapp:+15550000001"))
        .withFormParam("Body", equalTo("""
            Hi Ana, welcome to Touchpoint! Three tips to get going:
            1. Import your contacts
            2. Draw your first journey
            3. Send yourself a test event
            Reply to this message any time to reach our team."""))
        .withFormParam("ContentSid", absent()));
    assertThat(journey).isWaitingAt("WelcomeOutcome");
    assertThat(emailsTo(ana.email())).isEmpty();
  }

  @Test
  void deliveredWelcomeIsFollowedByTheGuideOneDayLaterWithThePdfAttached() throws Exception {
    twilioReportsStatus(welcomeSid(), "delivered");
    assertThat(journey).isWaitingAt("OneDayAfterWelcome");

    timePasses(Duration.ofHours(23), journey);
    assertThat(emailsTo(ana.email())).isEmpty();
    timePasses(Duration.ofHours(2), journey);

    assertThat(journey).hasPassedInOrder("SignedUp", "SendWhatsAppWelcome", "WelcomeOutcome", "WelcomeDelivered",
        "OneDayAfterWelcome", "SendGuideNext", "SendGettingStartedGuide").isWaitingAt("GuideOutcome");
    MimeMessage guide = theEmailTo(ana.email());
    assertThat(guide.getSubject()).isEqualTo("Your Getting Started guide, Ana");
    assertThat(bodyPart(guide, "text/html")).contains("Welcome aboard, Ana!").contains(">Complete your profile</a>");
    // the test guide is plain ASCII, which mail carries as 7bit lines: compare it line by line
    assertThat(new String(attachment(guide, "getting-started.pdf"), StandardCharsets.US_ASCII).replace("\r\n", "\n"))
        .isEqualTo(Files.readString(Path.of(getClass().getResource("/email/attachments/getting-started.pdf").toURI())));
  }

  @Test
  void theGuideTheJourneyAttachesShipsWithTheSamples() throws Exception {
    String attachment = repositoryService.getBpmnModelInstance(journey.getProcessDefinitionId())
        .getModelElementsByType(CamundaInputParameter.class).stream()
        .filter(input -> input.getCamundaName().equals("attachment")).findFirst().orElseThrow().getTextContent();

    // the app's embedded profile sends attachments from process-samples/attachments (here: samples/attachments)
    try (InputStream guide = getClass().getResourceAsStream("/samples/attachments/" + attachment)) {
      assertThat(guide).as(attachment).isNotNull();
      assertThat(new String(guide.readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }
  }

  @Test
  void openedGuideBringsTheProfileReminderAndTheCrmMarksAnaOnboarded() throws Exception {
    guideArrives();

    contactOpens(theEmailTo(ana.email()));
    runDueJobs(journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(ana.pushToken())))
        .withRequestBody(matchingJsonPath("$.message.notification.title", equalTo("Complete your profile, Ana")))
        .withRequestBody(matchingJsonPath("$.message.notification.body", containing("Add a photo and your company")))
        .withRequestBody(matchingJsonPath("$.message.data.screen", equalTo("profile"))));
    TWILIO.verify(patchRequestedFor(urlPathEqualTo(crmContact()))
        .withHeader("Authorization", equalTo("Bearer crm-s3cret-token"))
        .withRequestBody(equalToJson("{\"lifecycleStage\":\"onboarded\",\"source\":\"touchpoint:multichannel-onboarding\"}")));
    assertThat(journey).hasPassedInOrder("SendGettingStartedGuide", "GuideOutcome", "GuideOpened", "RemindNext",
        "SendProfileReminder", "MarkOnboardedInCrm", "Onboarded").isEnded();
    assertThat(journey).variables().containsEntry("crmId", "crm-4711").containsEntry("crmStatus", 200);
  }

  @Test
  void failedWelcomeSendsTheGuideRightAway() {
    twilioReportsStatus(welcomeSid(), "undelivered", "63016");
    runDueJobs(journey);

    assertThat(journey).hasPassed("WelcomeFailed").hasNotPassed("OneDayAfterWelcome").isWaitingAt("GuideOutcome");
    assertThat(emailsTo(ana.email())).hasSize(1);
  }

  @Test
  void noWelcomeStatusForADaySendsTheGuideAnyway() {
    timePasses(Duration.ofHours(23), journey);
    assertThat(journey).isWaitingAt("WelcomeOutcome");

    timePasses(Duration.ofHours(1).plusMinutes(1), journey);

    assertThat(journey).hasPassed("NoWelcomeStatusWithinOneDay").hasNotPassed("WelcomeDelivered", "WelcomeFailed")
        .isWaitingAt("GuideOutcome");
    assertThat(emailsTo(ana.email())).hasSize(1);
  }

  @Test
  void bouncedGuideBringsTheProfileReminderRightAway() throws Exception {
    guideArrives();

    mailServerBounces(deliveryOf(journey, "SendGettingStartedGuide").id());
    runDueJobs(journey);

    assertThat(journey).hasPassedInOrder("GuideOutcome", "GuideBounced", "RemindNext", "SendProfileReminder",
        "MarkOnboardedInCrm", "Onboarded").isEnded();
    TWILIO.verify(postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(ana.pushToken()))));
  }

  @Test
  void unopenedGuideBringsTheProfileReminderAfterOneDay() {
    guideArrives();

    timePasses(Duration.ofHours(23), journey);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(ana.pushToken()))));
    timePasses(Duration.ofHours(1).plusMinutes(1), journey);

    assertThat(journey).hasPassedInOrder("GuideOutcome", "GuideUnopenedForOneDay", "RemindNext",
        "SendProfileReminder", "MarkOnboardedInCrm", "Onboarded").isEnded();
    assertThat(journey).hasNotPassed("GuideOpened", "GuideBounced");
  }

  @Test
  void crmDownIsRetriedAndThenBecomesAnIncidentForTheOperator() {
    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).atPriority(1).willReturn(aResponse().withStatus(503)));
    guideArrives();

    // unopened for a day: the push goes out, then the CRM call fails and is tried 3 times, 10 minutes apart (R3/PT10M)
    timePasses(Duration.ofDays(1).plusMinutes(1), journey);
    for (int retry = 0; retry < 2; retry++) {
      timePasses(Duration.ofMinutes(11), journey);
    }
    timePasses(Duration.ofHours(1), journey);

    TWILIO.verify(3, patchRequestedFor(urlPathEqualTo(crmContact())));
    assertThat(journey).hasPassed("SendProfileReminder").isWaitingAt("MarkOnboardedInCrm");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).singleResult()
        .getIncidentMessage()).contains("WEBHOOK_5XX").doesNotContain("crm-s3cret-token");
  }

  /** The quickest way to the guide: the welcome fails. */
  private void guideArrives() {
    twilioReportsStatus(welcomeSid(), "undelivered", "63016");
    runDueJobs(journey);
    assertThat(journey).isWaitingAt("GuideOutcome");
  }

  private String welcomeSid() {
    return deliveryOf(journey, "SendWhatsAppWelcome").providerMessageId();
  }

  private String crmContact() {
    return "/crm/contacts/" + ana.id();
  }
}
