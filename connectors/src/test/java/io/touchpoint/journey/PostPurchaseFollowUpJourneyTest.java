package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
 * The shipped post-purchase journey: order delivered → WhatsApp thank-you with the invoice (by email instead when
 * WhatsApp fails or stays silent for a day) → 3 days → email review request → push referral offer → lead score in
 * the CRM.
 */
class PostPurchaseFollowUpJourneyTest extends MarketingJourneyTest {

  static final String THANK_YOU_TEMPLATE = "HX3f1c9a7e5b2d4c6e8f0a1b3c5d7e9f21";
  static final String INVOICE_PDF = "%PDF-1.4 invoice 1042";

  String ana;
  String email;
  String device;
  String invoiceUrl;

  @BeforeEach
  void anasOrderIsDelivered() {
    deploy("samples/post-purchase-follow-up.bpmn");
    ana = "ana-" + UUID.randomUUID();
    email = ana + "@example.test";
    device = "device-" + ana;
    invoiceUrl = TWILIO.baseUrl() + "/invoices/1042.pdf";
    TWILIO.stubFor(get(urlPathEqualTo("/invoices/1042.pdf"))
        .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(INVOICE_PDF)));
    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).willReturn(okJson("{\"id\":\"crm-7\",\"leadScore\":57}")));
  }

  @Test
  void deliveredThankYouIsFollowedByReviewRequestReferralOfferAndLeadScore() throws Exception {
    ProcessInstance journey = orderDelivered();

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("whatsapp:+15551230004"))
        .withFormParam("ContentSid", equalTo(THANK_YOU_TEMPLATE))
        .withFormParam("ContentVariables", equalToJson(
            "{\"1\":\"Ana\",\"2\":\"1042\",\"3\":\"" + invoiceUrl + "\"}")));
    twilioReportsStatus(deliveryOf(journey, "SendThankYouWhatsApp").providerMessageId(), "delivered");
    assertThat(journey).isWaitingAt("WaitThreeDays");

    timePasses(Duration.ofDays(3).minusHours(1), journey);
    assertThat(journey).isWaitingAt("WaitThreeDays");
    assertThat(emailsTo(email)).isEmpty();
    timePasses(Duration.ofHours(2), journey);

    assertThat(journey).hasPassedInOrder("OrderDelivered", "SendThankYouWhatsApp", "ThankYouOutcome",
        "ThankYouDelivered", "InvoiceSent", "WaitThreeDays", "SendReviewRequestEmail", "SendReferralPush",
        "UpdateLeadScore", "FollowUpDone").isEnded();
    assertThat(journey).hasNotPassed("SendInvoiceEmail");
    MimeMessage review = theEmailTo(email);
    assertThat(review.getSubject()).isEqualTo("How do you like your order, Ana?");
    assertThat(bodyPart(review, "text/html")).contains("your order 1042 arrived a few days ago").contains(">Write a review</a>");
    assertThat(contactClicks(review)).isEqualTo("https://shop.example.com/orders/1042/review");
    JsonNode referral = pushesTo(device).get(0);
    assertThat(referral.at("/notification/title").asText()).isEqualTo("Give 10 €, get 10 €, Ana");
    assertThat(referral.at("/webpush/fcm_options/link").asText()).isEqualTo("https://shop.example.com/invite?ref=" + ana);
    TWILIO.verify(patchRequestedFor(urlPathEqualTo(crmContact()))
        .withHeader("Authorization", equalTo("Bearer crm-s3cret-token"))
        .withRequestBody(equalToJson("""
            {"leadScoreChange": 10, "leadScoreReason": "order 1042 delivered",
             "source": "touchpoint:post-purchase-follow-up"}""")));
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(journey.getId())
        .variableName("leadScore").singleResult().getValue()).isEqualTo(57);
  }

  @Test
  void failedThankYouSendsTheInvoiceByEmailInstead() throws Exception {
    ProcessInstance journey = orderDelivered();

    twilioReportsStatus(deliveryOf(journey, "SendThankYouWhatsApp").providerMessageId(), "undelivered", "63016");
    runDueJobs(journey);

    assertThat(journey).hasPassedInOrder("ThankYouFailed", "InvoiceNotConfirmed", "SendInvoiceEmail", "InvoiceSent")
        .isWaitingAt("WaitThreeDays");
    MimeMessage invoice = theEmailTo(email);
    assertThat(invoice.getSubject()).isEqualTo("Your invoice for order 1042");
    assertThat(bodyPart(invoice, "text/html")).contains("Hi Ana,").contains("your order 1042 has been delivered");
    assertThat(attachment(invoice, "1042.pdf")).asString().isEqualTo(INVOICE_PDF);

    timePasses(Duration.ofDays(3).plusMinutes(1), journey);
    assertThat(journey).hasPassed("SendReviewRequestEmail", "SendReferralPush", "UpdateLeadScore", "FollowUpDone")
        .isEnded();
    assertThat(emailsTo(email)).hasSize(2);
  }

  @Test
  void thankYouWithoutAnyStatusForADaySendsTheInvoiceByEmailToo() throws Exception {
    ProcessInstance journey = orderDelivered();

    timePasses(Duration.ofHours(23), journey);
    assertThat(journey).isWaitingAt("ThankYouOutcome");
    timePasses(Duration.ofHours(2), journey);

    assertThat(journey).hasPassedInOrder("NoThankYouStatusWithinOneDay", "InvoiceNotConfirmed", "SendInvoiceEmail")
        .isWaitingAt("WaitThreeDays");
    assertThat(attachment(theEmailTo(email), "1042.pdf")).asString().isEqualTo(INVOICE_PDF);
  }

  @Test
  void customerWithoutAPhoneGetsTheInvoiceByEmailAtOnce() throws Exception {
    assertThat(sendEvent("""
        {"name":"order.delivered","contact":{"id":"%s","email":"%s","firstName":"Ana"},
         "data":{"orderNumber":"1042","invoiceUrl":"%s"}}""".formatted(ana, email, invoiceUrl)).statusCode())
        .isEqualTo(202);
    ProcessInstance journey = instanceOf("post-purchase-follow-up", ana);
    runDueJobs(journey);

    // the skipped send answers "failed" right after its commit, on another thread, which may also run the email
    eventually().untilAsserted(() -> assertThat(journey).hasPassed("ThankYouFailed"));
    runDueJobs(journey);

    eventually().untilAsserted(() -> assertThat(journey).hasPassed("SendInvoiceEmail").isWaitingAt("WaitThreeDays"));
    assertThat(deliveryOf(journey, "SendThankYouWhatsApp").outcomeReason()).isNotBlank();
    assertThat(attachment(theEmailTo(email), "1042.pdf")).asString().isEqualTo(INVOICE_PDF);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)));
  }

  @Test
  void crmThatIsDownIsRetriedUntilTheLeadScoreIsUpdated() {
    ProcessInstance journey = orderDelivered();
    twilioReportsStatus(deliveryOf(journey, "SendThankYouWhatsApp").providerMessageId(), "read");
    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).atPriority(1).willReturn(aResponse().withStatus(503)));

    timePasses(Duration.ofDays(3).plusMinutes(1), journey);
    assertThat(journey).isWaitingAt("UpdateLeadScore");
    assertThat(managementService.createJobQuery().processInstanceId(journey.getId()).singleResult()
        .getExceptionMessage()).contains("WEBHOOK_5XX");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(journey.getId()).count()).isZero();

    TWILIO.stubFor(patch(urlPathEqualTo(crmContact())).atPriority(1).willReturn(okJson("{\"leadScore\":58}")));
    timePasses(Duration.ofMinutes(6), journey);

    assertThat(journey).hasPassed("UpdateLeadScore", "FollowUpDone").isEnded();
  }

  /** The contact's record in the CRM the sample updates (CRM_API is the fake's /crm). */
  private String crmContact() {
    return "/crm/contacts/" + ana;
  }

  private ProcessInstance orderDelivered() {
    assertThat(sendEvent("""
        {"name":"order.delivered","id":"delivered-%s","contact":{"id":"%s","phone":"+15551230004","email":"%s",
         "pushToken":"%s","firstName":"Ana"},"data":{"orderNumber":"1042","invoiceUrl":"%s"}}"""
        .formatted(ana, ana, email, device, invoiceUrl)).statusCode()).isEqualTo(202);
    ProcessInstance journey = instanceOf("post-purchase-follow-up", ana);
    assertThat(journey).isWaitingAt("SendThankYouWhatsApp");
    runDueJobs(journey);
    return journey;
  }
}
