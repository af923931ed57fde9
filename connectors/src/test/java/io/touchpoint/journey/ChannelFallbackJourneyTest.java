package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery.Outcome;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample {@code channel-fallback} as shipped: a shipping notice on WhatsApp; failed or not delivered within
 * 2 hours → the same notice by SMS; failed or not delivered within 2 hours → by email, which ends read (opened),
 * unreachable (bounced or failed) or sent (no bounce within a day). Every status comes through the real callbacks.
 */
class ChannelFallbackJourneyTest extends SampleJourneyTest {

  static final String TRACKING_URL = "https://parcels.example/track/PX-2231";

  Contact ana;
  ProcessInstance journey;

  @BeforeEach
  void anasOrderShips() {
    deploy("samples/channel-fallback.bpmn");
    ana = Contact.fresh("ana");
  }

  @Test
  void deliveredWhatsAppNeedsNoFallback() {
    orderShipped(ana.phone(), ana.email());
    TWILIO.verify(messageTo(ana.whatsapp()).withFormParam("Body", equalTo(
        "Hi Ana, your order O-5512 is on its way! Track it here: " + TRACKING_URL)));

    twilioReportsStatus(sid("SendWhatsAppNotice"), "delivered");
    timePasses(Duration.ofDays(2), journey);

    assertThat(journey).hasPassedInOrder("OrderShipped", "SendWhatsAppNotice", "WhatsAppOutcome", "WhatsAppDelivered",
        "DeliveredOnWhatsApp").isEnded();
    TWILIO.verify(0, messageTo(ana.phone()));
    assertThat(emailsTo(ana.email())).isEmpty();
  }

  @Test
  void failedWhatsAppFallsBackToSmsAtOnce() {
    orderShipped(ana.phone(), ana.email());

    twilioReportsStatus(sid("SendWhatsAppNotice"), "undelivered", "63024");
    runDueJobs(journey);

    TWILIO.verify(messageTo(ana.phone()).withFormParam("From", equalTo("+15550000000")).withFormParam("Body",
        equalTo(
        "Your order O-5512 has shipped. Track it: " + TRACKING_URL)));
    assertThat(journey).hasPassedInOrder("WhatsAppOutcome", "WhatsAppFailed", "FallBackToSms", "SendSmsNotice")
        .isWaitingAt("SmsOutcome");
  }

  @Test
  void smsDeliveredAfterTheFallbackEndsTheJourney() {
    orderShipped(ana.phone(), ana.email());
    twilioReportsStatus(sid("SendWhatsAppNotice"), "failed", "63016");
    runDueJobs(journey);

    twilioReportsStatus(sid("SendSmsNotice"), "delivered");

    assertThat(journey).hasPassedInOrder("SendSmsNotice", "SmsOutcome", "SmsDelivered", "DeliveredBySms").isEnded();
    assertThat(emailsTo(ana.email())).isEmpty();
  }

  @Test
  void whatsAppNotDeliveredWithinTwoHoursFallsBackToSms() {
    orderShipped(ana.phone(), ana.email());
    twilioReportsStatus(sid("SendWhatsAppNotice"), "sent");

    timePasses(Duration.ofMinutes(119), journey);
    TWILIO.verify(0, messageTo(ana.phone()));
    timePasses(Duration.ofMinutes(2), journey);

    assertThat(journey).hasPassedInOrder("WhatsAppOutcome", "WhatsAppNotDeliveredWithinTwoHours", "FallBackToSms",
        "SendSmsNotice").hasNotPassed("WhatsAppFailed").isWaitingAt("SmsOutcome");
    TWILIO.verify(1, messageTo(ana.phone()));
  }

  @Test
  void failedSmsFallsBackToEmail() throws Exception {
    smsFallbackSent();

    twilioReportsStatus(sid("SendSmsNotice"), "undelivered", "30003");
    runDueJobs(journey);

    assertThat(journey).hasPassedInOrder("SmsOutcome", "SmsFailed", "FallBackToEmail", "SendEmailNotice")
        .isWaitingAt("EmailOutcome");
    MimeMessage notice = theEmailTo(ana.email());
    assertThat(notice.getSubject()).isEqualTo("Your order O-5512 has shipped");
    assertThat(bodyPart(notice, "text/html")).contains("Hi Ana,").contains("your order O-5512 is on its way");
    assertThat(contactClicks(notice)).isEqualTo(TRACKING_URL);
  }

  @Test
  void smsNotDeliveredWithinTwoHoursFallsBackToEmail() {
    smsFallbackSent();

    timePasses(Duration.ofMinutes(121), journey);

    assertThat(journey).hasPassedInOrder("SmsOutcome", "SmsNotDeliveredWithinTwoHours", "FallBackToEmail",
        "SendEmailNotice").isWaitingAt("EmailOutcome");
    assertThat(emailsTo(ana.email())).hasSize(1);
  }

  @Test
  void openedEmailEndsTheJourneyAsRead() throws Exception {
    emailFallbackSent();

    contactOpens(theEmailTo(ana.email()));

    assertThat(journey).hasPassedInOrder("EmailOutcome", "EmailOpened", "ReadByEmail").isEnded();
  }

  @Test
  void bouncedEmailLeavesTheContactUnreachable() throws Exception {
    emailFallbackSent();

    mailServerBounces(deliveryOf(journey, "SendEmailNotice").id());

    assertThat(journey).hasPassedInOrder("EmailOutcome", "EmailBounced", "EmailBouncedUnreachable").isEnded();
  }

  @Test
  void emailWithoutABounceForADayCountsAsSent() {
    emailFallbackSent();

    timePasses(Duration.ofHours(23), journey);
    assertThat(journey).isWaitingAt("EmailOutcome");
    timePasses(Duration.ofHours(1).plusMinutes(1), journey);

    assertThat(journey).hasPassedInOrder("EmailOutcome", "NoBounceWithinOneDay", "SentByEmail").isEnded();
  }

  @Test
  void contactWithoutAnyAddressIsTriedOnEveryChannelAndEndsUnreachable() {
    orderShipped(null, null);

    // each skipped send answers its gateway right after its job commits: run the next channel's job as it comes
    eventually().untilAsserted(() -> {
      runDueJobs(journey);
      assertThat(journey).isEnded();
    });
    assertThat(journey).hasPassedInOrder("WhatsAppFailed", "SendSmsNotice", "SmsFailed", "SendEmailNotice",
        "EmailFailed", "EmailFailedUnreachable").isEnded();
    assertThat(deliveryOf(journey, "SendEmailNotice").outcome()).isEqualTo(Outcome.SKIPPED);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("Body", equalTo(
        "Your order O-5512 has shipped. Track it: " + TRACKING_URL)));
  }

  private void orderShipped(String phone, String email) {
    assertThat(sendEvent("""
        {"name":"order.shipped","id":"shipped-%s","contact":{"id":"%s","phone":%s,"email":%s,"firstName":"Ana"},
         "data":{"orderNumber":"O-5512","trackingUrl":"%s"}}"""
        .formatted(ana.id(), ana.id(), json(phone), json(email), TRACKING_URL)).statusCode()).isEqualTo(202);
    journey = instanceOf("channel-fallback", ana.id());
    runDueJobs(journey);
  }

  private void smsFallbackSent() {
    orderShipped(ana.phone(), ana.email());
    twilioReportsStatus(sid("SendWhatsAppNotice"), "undelivered", "63024");
    runDueJobs(journey);
    assertThat(journey).isWaitingAt("SmsOutcome");
  }

  private void emailFallbackSent() {
    smsFallbackSent();
    twilioReportsStatus(sid("SendSmsNotice"), "failed", "30008");
    runDueJobs(journey);
    assertThat(journey).isWaitingAt("EmailOutcome");
  }

  private String sid(String channelTaskId) {
    return deliveryOf(journey, channelTaskId).providerMessageId();
  }

  private static String json(String value) {
    return value == null ? "null" : "\"" + value + "\"";
  }
}
