package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped lead re-engagement journey (two weeks): lead inactive → email with recent updates → nurture (2 days →
 * WhatsApp testimonial → 5 days → push about the upcoming release) → the email's fate, whenever it was reported:
 * clicked (re-engaged), bounced, opened but not clicked within two weeks (remarketing audience) or never opened.
 */
class LeadReengagementJourneyTest extends MarketingJourneyTest {

  String lead;
  String email;
  String device;
  ProcessInstance journey;
  MimeMessage updates;

  @BeforeEach
  void leadHasBeenInactiveForThirtyDays() {
    deploy("samples/lead-reengagement.bpmn");
    lead = "lead-" + UUID.randomUUID();
    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).willReturn(okJson("{\"id\":\"crm-9\"}")));
    email = lead + "@example.test";
    device = "device-" + lead;
    assertThat(sendEvent("""
        {"name":"lead.inactive","id":"inactive-%s","contact":{"id":"%s","phone":"+15551230005","email":"%s",
         "pushToken":"%s","firstName":"Lena"},"data":{"inactiveDays":34}}"""
        .formatted(lead, lead, email, device)).statusCode()).isEqualTo(202);
    journey = instanceOf("lead-reengagement", lead);
    runDueJobs(journey);
    updates = theEmailTo(email);
  }

  @Test
  void updatesEmailIsPersonalisedAndTheNurtureFollowsOnDayTwoAndDaySeven() throws Exception {
    assertThat(updates.getSubject()).isEqualTo("Hi Lena, here is what's new since your last visit");
    assertThat(bodyPart(updates, "text/html")).contains("<p>Hi Lena,</p>").contains("Per-step analytics")
        .contains(">See what&#39;s new</a>");
    assertThat(journey).isWaitingAt("WaitTwoDays");

    timePasses(Duration.ofDays(2).plusMinutes(1), journey);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("whatsapp:+15551230005"))
        .withFormParam("ContentSid", equalTo("HX8d2e4f6a0b1c3d5e7f9a2b4c6d8e0f13"))
        .withFormParam("ContentVariables", equalToJson("{\"1\":\"Lena\"}")));
    assertThat(journey).isWaitingAt("WaitFiveDays");
    assertThat(pushesTo(device)).isEmpty();

    timePasses(Duration.ofDays(5), journey);
    JsonNode release = pushesTo(device).get(0);
    assertThat(release.at("/notification/title").asText()).isEqualTo("Something new is coming");
    assertThat(release.at("/notification/body").asText())
        .isEqualTo("Hi Lena, our next release brings smarter reports and a new mobile app. Be the first to try it.");
    assertThat(release.at("/webpush/fcm_options/link").asText()).isEqualTo("https://www.example.com/releases/next");
    assertThat(journey).hasPassedInOrder("SendUpdatesEmail", "NurtureStarts", "WaitTwoDays",
        "SendTestimonialWhatsApp", "WaitFiveDays", "SendReleasePush", "NurtureDone").isWaitingAt("ClickOutcome");
  }

  @Test
  void clickOnTheUpdatesEmailDuringTheNurtureReEngagesTheLead() throws Exception {
    timePasses(Duration.ofDays(1), journey);
    assertThat(contactClicks(updates)).isEqualTo("https://www.example.com/whats-new");

    timePasses(Duration.ofDays(1).plusMinutes(1), journey);
    timePasses(Duration.ofDays(5).plusMinutes(1), journey);

    eventually().untilAsserted(() -> assertThat(journey).hasPassedInOrder("SendTestimonialWhatsApp",
        "SendReleasePush", "ClickOutcome", "UpdatesClicked", "ReEngaged").isEnded());
    TWILIO.verify(0, patchRequestedFor(urlPathEqualTo(crmContact())));
  }

  @Test
  void emailOpenedButNotClickedSyncsTheRemarketingAudience() throws Exception {
    timePasses(Duration.ofHours(5), journey);
    contactOpens(updates);
    nurtureRuns();

    timePasses(Duration.ofDays(7).minusHours(1), journey);
    assertThat(journey).isWaitingAt("ClickOutcome");
    timePasses(Duration.ofHours(2), journey);
    // the recorded open answers the gateway right after it is reached, on another thread: run the sync as it comes
    eventually().untilAsserted(() -> {
      runDueJobs(journey);
      assertThat(journey).hasPassed("SyncRemarketingAudience");
    });

    TWILIO.verify(patchRequestedFor(urlPathEqualTo(crmContact()))
        .withHeader("Authorization", equalTo("Bearer crm-s3cret-token"))
        .withRequestBody(equalToJson("""
            {"remarketingAudience": "warm-leads", "remarketingReason": "opened the re-engagement email, no click",
             "source": "touchpoint:lead-reengagement"}""")));
    assertThat(journey).hasPassedInOrder("SendReleasePush", "ClickOutcome", "TwoWeeksOver", "OpenOutcome", "UpdatesOpened",
        "SyncRemarketingAudience", "InRemarketingAudience").isEnded();
    assertThat(journey).hasNotPassed("UpdatesClicked");
  }

  @Test
  void emailNeverOpenedEndsTheJourneyWithoutRemarketing() {
    nurtureRuns();

    timePasses(Duration.ofDays(7).plusMinutes(1), journey);
    assertThat(journey).isWaitingAt("OpenOutcome");
    timePasses(Duration.ofHours(1), journey);

    assertThat(journey).hasPassedInOrder("TwoWeeksOver", "OpenOutcome", "NeverOpened", "NotReached").isEnded();
    TWILIO.verify(0, patchRequestedFor(urlPathEqualTo(crmContact())));
  }

  @Test
  void bouncedEmailStillGetsTheNurtureThenEndsAsUnreachableByEmail() throws Exception {
    mailServerBounces(deliveryOf(journey, "SendUpdatesEmail").id());
    assertThat(journey).isWaitingAt("WaitTwoDays");

    nurtureRuns();

    eventually().untilAsserted(() -> assertThat(journey).hasPassedInOrder("SendTestimonialWhatsApp",
        "SendReleasePush", "ClickOutcome", "UpdatesBounced", "EmailUnreachable").isEnded());
    TWILIO.verify(0, patchRequestedFor(urlPathEqualTo(crmContact())));
  }

  /** The lead's record in the CRM, which keeps the remarketing audience (CRM_API is the fake's /crm). */
  private String crmContact() {
    return "/crm/contacts/" + lead;
  }

  /** Day 2 testimonial, day 7 release push: the journey then waits for the email's fate. */
  private void nurtureRuns() {
    timePasses(Duration.ofDays(2), journey);
    timePasses(Duration.ofDays(5).plusMinutes(1), journey);
    assertThat(pushesTo(device)).hasSize(1);
  }
}
