package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sample {@code abandoned-cart} as shipped: cart abandoned → 30 minutes → WhatsApp reminder with the cart →
 * [read or replied: no coupon] / [failed or no read within 6 hours: email with a coupon] → 24 hours → SMS final
 * reminder → 1 day → analytics told "not recovered". An order placed ends it at any point as a goal.
 */
class AbandonedCartJourneyTest extends SampleJourneyTest {

  static final String CART_URL = "https://shop.example/cart/c-981";

  Contact ana;
  ProcessInstance journey;

  @BeforeEach
  void anaLeavesHerCart() {
    deploy("samples/abandoned-cart.bpmn");
    ana = Contact.fresh("ana");
    TWILIO.stubFor(post(urlPathEqualTo("/analytics/events")).willReturn(aResponse().withStatus(202)));
  }

  @Test
  void whatsAppReminderWithTheCartGoesOutAfterThirtyMinutes() {
    cartAbandoned("");

    timePasses(Duration.ofMinutes(29), journey);
    TWILIO.verify(0, messageTo(ana.whatsapp()));
    timePasses(Duration.ofMinutes(2), journey);

    TWILIO.verify(messageTo(ana.whatsapp()).withFormParam("From", equalTo("whatsapp:+15550000001"))
        .withFormParam("Body", equalTo("""
        Hi Ana, you left Trail running shoes (2) in your cart (€179.80). We saved it for you: %s
        Questions? Just reply to this message.""".formatted(CART_URL))));
    assertThat(journey).hasPassedInOrder("CartAbandoned", "ThirtyMinutesLater", "SendCartReminder")
        .isWaitingAt("ReminderOutcome");
  }

  @Test
  void noReadWithinSixHoursSendsTheCouponEmail() throws Exception {
    reminderSent("");
    twilioReportsStatus(reminderSid(), "delivered");

    timePasses(Duration.ofHours(5).plusMinutes(59), journey);
    assertThat(emailsTo(ana.email())).isEmpty();
    timePasses(Duration.ofMinutes(2), journey);

    assertThat(journey).hasPassedInOrder("ReminderOutcome", "NoReadWithinSixHours", "CouponNext", "SendCouponEmail")
        .isWaitingAt("TwentyFourHoursLater");
    MimeMessage coupon = theEmailTo(ana.email());
    assertThat(coupon.getSubject()).isEqualTo("10% off the cart you left behind, Ana");
    assertThat(bodyPart(coupon, "text/html")).contains("Trail running shoes (2) (€179.80)")
        .contains("<strong>COMEBACK10</strong>");
    assertThat(contactClicks(coupon)).isEqualTo(CART_URL);
  }

  @Test
  void couponCodeFromTheShopReplacesTheCampaignCode() throws Exception {
    reminderSent(",\"couponCode\":\"ANA-7QX2\"");

    timePasses(Duration.ofHours(6).plusMinutes(1), journey);

    assertThat(bodyPart(theEmailTo(ana.email()), "text/html")).contains("<strong>ANA-7QX2</strong>")
        .doesNotContain("COMEBACK10");
  }

  @Test
  void failedReminderSendsTheCouponEmailRightAway() {
    reminderSent("");

    twilioReportsStatus(reminderSid(), "undelivered", "63016");
    runDueJobs(journey);

    assertThat(journey).hasPassedInOrder("ReminderOutcome", "ReminderFailed", "CouponNext", "SendCouponEmail")
        .isWaitingAt("TwentyFourHoursLater");
    assertThat(emailsTo(ana.email())).hasSize(1);
  }

  @Test
  void readReminderNeedsNoCouponAndTheFinalSmsFollows24HoursLater() {
    reminderSent("");

    twilioReportsStatus(reminderSid(), "read");
    timePasses(Duration.ofHours(23), journey);
    TWILIO.verify(0, messageTo(ana.phone()));
    timePasses(Duration.ofHours(1).plusMinutes(1), journey);

    assertThat(journey).hasPassedInOrder("ReminderOutcome", "ReminderRead", "FinalReminderNext",
        "TwentyFourHoursLater", "SendFinalSms").hasNotPassed("SendCouponEmail").isWaitingAt("OneDayToOrder");
    assertThat(emailsTo(ana.email())).isEmpty();
    TWILIO.verify(messageTo(ana.phone()).withFormParam("Body", equalTo(
        "Last reminder, Ana: your cart (€179.80) is still saved: " + CART_URL + " Reply STOP to opt out.")));
  }

  @Test
  void replyToTheReminderNeedsNoCoupon() {
    reminderSent("");

    contactAnswersOnWhatsApp(ana.whatsapp(), "Do you ship to Austria?", reminderSid(), null);

    assertThat(journey).hasPassedInOrder("ReminderOutcome", "ReminderReplied", "FinalReminderNext")
        .isWaitingAt("TwentyFourHoursLater");
    assertThat(journey).variables().containsEntry("replyText", "Do you ship to Austria?");
    timePasses(Duration.ofHours(7), journey);
    assertThat(emailsTo(ana.email())).isEmpty();
  }

  @Test
  void stillNoOrderADayAfterTheFinalSmsIsReportedToAnalytics() {
    finalSmsSent();

    timePasses(Duration.ofHours(23), journey);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo("/analytics/events")));
    timePasses(Duration.ofHours(1).plusMinutes(1), journey);

    TWILIO.verify(postRequestedFor(urlPathEqualTo("/analytics/events"))
        .withHeader("Authorization", equalTo("Bearer analytics-s3cret-token"))
        .withRequestBody(equalToJson("""
            {"event":"cart.not_recovered","contactId":"%s","cartUrl":"%s","cartTotal":"€179.80"}"""
            .formatted(ana.id(), CART_URL))));
    assertThat(journey).hasPassedInOrder("SendFinalSms", "OneDayToOrder", "ReportNotRecovered", "NotRecovered")
        .isEnded();
  }

  @Test
  void analyticsToolDownDoesNotHoldTheJourney() {
    TWILIO.stubFor(post(urlPathEqualTo("/analytics/events")).atPriority(1).willReturn(aResponse().withStatus(503)));
    finalSmsSent();

    timePasses(Duration.ofDays(1).plusMinutes(1), journey);

    assertThat(journey).hasPassed("ReportNotRecovered", "NotRecovered").isEnded();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName("analyticsError").singleResult().getValue()).isEqualTo("WEBHOOK_5XX");
  }

  /** Where in the journey Ana is when she places her order. */
  enum Moment {
    BEFORE_THE_REMINDER, WAITING_FOR_A_READ, AFTER_THE_COUPON, AFTER_THE_FINAL_SMS
  }

  @ParameterizedTest
  @EnumSource(Moment.class)
  void orderPlacedEndsTheJourneyAtAnyPoint(Moment moment) {
    switch (moment) {
      case BEFORE_THE_REMINDER -> cartAbandoned("");
      case WAITING_FOR_A_READ -> reminderSent("");
      case AFTER_THE_COUPON -> {
        reminderSent("");
        timePasses(Duration.ofHours(6).plusMinutes(1), journey);
        assertThat(emailsTo(ana.email())).hasSize(1);
      }
      case AFTER_THE_FINAL_SMS -> finalSmsSent();
    }
    int sentSoFar = TWILIO.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).size();

    assertThat(sendEvent("""
        {"name":"order.placed","id":"order-%s","contact":{"id":"%s"},"data":{"orderNumber":"O-1001"}}"""
        .formatted(ana.id(), ana.id())).body()).contains(journey.getId());

    assertThat(journey).hasPassedInOrder("OrderPlaced", "CartRecovered").isEnded();
    timePasses(Duration.ofDays(3), journey);
    assertThat(TWILIO.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)))).hasSize(sentSoFar);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo("/analytics/events")));
  }

  private void cartAbandoned(String moreData) {
    assertThat(sendEvent("""
        {"name":"cart.abandoned","id":"cart-%s","contact":{"id":"%s","phone":"%s","email":"%s","firstName":"Ana"},
         "data":{"cartUrl":"%s","cartItems":"Trail running shoes (2)","cartTotal":"€179.80"%s}}"""
        .formatted(ana.id(), ana.id(), ana.phone(), ana.email(), CART_URL, moreData)).statusCode()).isEqualTo(202);
    journey = instanceOf("abandoned-cart", ana.id());
    assertThat(journey).isWaitingAt("ThirtyMinutesLater");
  }

  private void reminderSent(String moreData) {
    cartAbandoned(moreData);
    timePasses(Duration.ofMinutes(31), journey);
    assertThat(journey).isWaitingAt("ReminderOutcome");
  }

  private void finalSmsSent() {
    reminderSent("");
    twilioReportsStatus(reminderSid(), "read");
    timePasses(Duration.ofHours(24).plusMinutes(1), journey);
    assertThat(journey).hasPassed("SendFinalSms").isWaitingAt("OneDayToOrder");
  }

  private String reminderSid() {
    return deliveryOf(journey, "SendCartReminder").providerMessageId();
  }
}
