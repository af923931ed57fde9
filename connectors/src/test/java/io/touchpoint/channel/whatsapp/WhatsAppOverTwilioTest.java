package io.touchpoint.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The WhatsApp channel through the real Twilio SDK against a local fake: an approved template
 * offer, read receipts, button replies the journey branches on, and replies attributed to the
 * message they answer.
 */
class WhatsAppOverTwilioTest extends JourneyTest {

  static final String OFFER_TEMPLATE = "HX0123456789abcdef0123456789abcdef";

  @Autowired
  ConsentRegistry consent;

  String phone;

  @BeforeEach
  void deployOffer() {
    deploy("bpmn/whatsapp-offer.bpmn");
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
  }

  @Test
  void templateOfferGoesToTheContactsWhatsAppWithItsVariables() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("whatsapp:" + phone))
        .withFormParam("From", equalTo("whatsapp:+15550000001"))
        .withFormParam("ContentSid", equalTo(OFFER_TEMPLATE))
        .withFormParam("ContentVariables", equalToJson("{\"1\":\"Ana\"}"))
        .withFormParam("Body", absent())
        .withFormParam("StatusCallback", matching("https://touchpoint\\.test/callbacks/twilio/status\\?send=[0-9a-f-]{36}")));
    assertThat(deliveryOf(offer, "Offer").recipient()).isEqualTo("whatsapp:" + phone);
    assertThat(offer).isWaitingAt("OfferOutcome");
  }

  @Test
  void freeFormMessageCarriesItsTextAndMedia() {
    offerTo(phone, "\"sessionText\":\"Your guide is attached\",\"mediaUrl\":\"https://cdn.test/guide.pdf\"");

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("whatsapp:" + phone))
        .withFormParam("Body", equalTo("Your guide is attached"))
        .withFormParam("MediaUrl", equalTo("https://cdn.test/guide.pdf"))
        .withFormParam("ContentSid", absent()));
  }

  @Test
  void readOfferAnsweredWithTheYesButtonTakesTheAcceptedBranch() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    String sid = deliveryOf(offer, "Offer").providerMessageId();

    twilioReportsStatus(sid, "read");
    assertThat(offer).hasPassed("Read").isWaitingAt("ReplyOutcome");
    contactAnswersOnWhatsApp("whatsapp:" + phone, "Yes, send it", sid, "YES");

    assertThat(offer).hasPassedInOrder("Offer", "OfferOutcome", "Read", "ReplyOutcome", "Replied", "Answer",
        "EndAccepted").isEnded();
    assertThat(offer).variables().containsEntry("replyPayload", "YES").containsEntry("replyText", "Yes, send it");
  }

  @Test
  void typedReplyWithoutAButtonTakesTheDefaultBranch() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    String sid = deliveryOf(offer, "Offer").providerMessageId();
    twilioReportsStatus(sid, "read");

    contactAnswersOnWhatsApp("whatsapp:" + phone, "maybe later", null, null);

    assertThat(offer).hasPassed("Replied", "EndDeclined").isEnded();
  }

  @Test
  void undeliveredOfferKeepsTwiliosErrorCodeAndTakesTheFailedBranch() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    Delivery delivery = deliveryOf(offer, "Offer");

    twilioReportsStatus(delivery.providerMessageId(), "undelivered", "63016");

    assertThat(offer).hasPassed("Failed", "EndFailed").isEnded();
    assertThat(touchpointJdbc.sql("select error_code from tp_delivery_status where delivery_id = ? and status = ?")
        .params(delivery.id(), DeliveryStatus.FAILED.name()).query(String.class).single()).isEqualTo("63016");
  }

  @Test
  void unreadOfferEndsAfterAnHour() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");

    timePasses(Duration.ofMinutes(61), offer);

    assertThat(offer).hasPassed("Unread", "EndUnread").isEnded();
  }

  @Test
  void readOfferWithoutAReplyEndsAfterSixHours() {
    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    twilioReportsStatus(deliveryOf(offer, "Offer").providerMessageId(), "read");

    timePasses(Duration.ofHours(6).plusMinutes(1), offer);

    assertThat(offer).hasPassed("Read", "NoReply", "EndNoReply").isEnded();
  }

  @Test
  void replyIsAttributedToTheMessageItAnswersElseToTheNewest() {
    ProcessInstance older = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    ProcessInstance newer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");
    Delivery olderOffer = deliveryOf(older, "Offer");
    Delivery newerOffer = deliveryOf(newer, "Offer");

    contactAnswersOnWhatsApp("whatsapp:" + phone, "about the first one", olderOffer.providerMessageId(), null);
    assertThat(ledger.statuses(olderOffer.id())).contains(DeliveryStatus.REPLIED);
    assertThat(ledger.statuses(newerOffer.id())).doesNotContain(DeliveryStatus.REPLIED);

    contactAnswersOnWhatsApp("whatsapp:" + phone, "and this one", null, null);
    assertThat(ledger.statuses(newerOffer.id())).contains(DeliveryStatus.REPLIED);
  }

  @Test
  void stopOnWhatsAppOptsOutOfWhatsAppOnly() {
    contactAnswersOnWhatsApp("whatsapp:" + phone, "STOP", null, null);

    ProcessInstance offer = offerTo(phone, "\"contentSid\":\"" + OFFER_TEMPLATE + "\"");

    Delivery delivery = deliveryOf(offer, "Offer");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(consent.isOptedOut(Channel.WHATSAPP, "whatsapp:" + phone)).isTrue();
    assertThat(consent.isOptedOut(Channel.SMS, phone)).isFalse();
  }

  @Test
  void contactsOwnWhatsAppNumberWinsOverTheirPhone() {
    String contact = "wa-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.whatsapp","contact":{"id":"%s","phone":"+15557654321","whatsapp":"%s","firstName":"Ana"},
         "data":{"contentSid":"%s"}}""".formatted(contact, phone, OFFER_TEMPLATE));
    runDueJobs(instanceOf("whatsapp-offer", contact));

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("whatsapp:" + phone)));
  }

  private ProcessInstance offerTo(String phone, String data) {
    String contact = "wa-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.whatsapp","contact":{"id":"%s","phone":"%s","firstName":"Ana"},"data":{%s}}"""
        .formatted(contact, phone, data)).statusCode()).isEqualTo(202);
    ProcessInstance offer = instanceOf("whatsapp-offer", contact);
    runDueJobs(offer);
    return offer;
  }
}
