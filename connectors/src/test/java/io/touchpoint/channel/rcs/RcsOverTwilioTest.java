package io.touchpoint.channel.rcs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.testapp.JourneyTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RCS channel through the real Twilio SDK against a local fake: rich content created once
 * through the Content API, chips the journey hears back, and SMS fallback recorded.
 */
class RcsOverTwilioTest extends JourneyTest {

  static final String CONTENT_SID = "HXfedcba9876543210fedcba9876543210";

  String phone;

  @BeforeEach
  void deployReminder() {
    deploy("bpmn/rcs-cart.bpmn");
    // contents are remembered across journeys; each test starts as if none had been created yet
    touchpointJdbc.sql("delete from tp_provider_content").update();
    phone = "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999));
    TWILIO.stubFor(post(urlPathEqualTo("/v1/Content")).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"" + CONTENT_SID + "\",\"account_sid\":\"" + ACCOUNT_SID + "\"}")));
  }

  @Test
  void cardIsCreatedOnceAsTwilioContentAndSentWithItsVariables() {
    remind(phone, "\"layout\":\"card\",\"smsFallback\":\"true\"");
    remind(phone, "\"layout\":\"card\",\"smsFallback\":\"true\"");

    TWILIO.verify(postRequestedFor(urlPathEqualTo("/v1/Content"))
        .withRequestBody(matchingJsonPath("$.types['twilio/card'].title", equalTo("Your cart")))
        .withRequestBody(matchingJsonPath("$.types['twilio/card'].subtitle", equalTo("Hi {{1}}, your cart is waiting")))
        .withRequestBody(matchingJsonPath("$.types['twilio/card'].actions[0].url", equalTo("https://shop.test/cart")))
        .withRequestBody(matchingJsonPath("$.types['twilio/card'].actions[1].id", equalTo("LATER")))
        .withRequestBody(matchingJsonPath("$.types['twilio/text'].body", equalTo("Hi {{1}}, your cart is waiting"))));
    assertThat(TWILIO.findAll(postRequestedFor(urlPathEqualTo("/v1/Content")))).hasSize(1);
    TWILIO.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo(phone))
        .withFormParam("From", equalTo("rcs:touchpoint_test_agent"))
        .withFormParam("ContentSid", equalTo(CONTENT_SID))
        .withFormParam("ContentVariables", equalToJson("{\"1\":\"Ana\"}"))
        .withFormParam("Body", absent()));
  }

  @Test
  void carouselIsCreatedAsATwilioCarousel() {
    remind(phone, """
        "layout":"carousel","smsFallback":"true","cards":[
          {"title":"Sneakers","text":"Size 42","mediaUrl":"https://shop.test/1.png","buttons":["Buy|https://shop.test/1"]},
          {"title":"Jacket","text":"Size M","mediaUrl":"https://shop.test/2.png","buttons":["Buy|https://shop.test/2"]}]""");

    TWILIO.verify(postRequestedFor(urlPathEqualTo("/v1/Content"))
        .withRequestBody(matchingJsonPath("$.types['twilio/carousel'].cards[1].title", equalTo("Jacket")))
        .withRequestBody(matchingJsonPath("$.types['twilio/carousel'].cards[0].actions[0].url",
            equalTo("https://shop.test/1"))));
  }

  @Test
  void chipTapReachesTheJourneyWithItsPayload() {
    ProcessInstance reminder = remind(phone, "\"layout\":\"chips\",\"smsFallback\":\"true\"");

    Map<String, String> tap = new LinkedHashMap<>();
    tap.put("MessageSid", "SMIN" + UUID.randomUUID().toString().replace("-", ""));
    tap.put("From", "rcs:" + phone);
    tap.put("To", "rcs:touchpoint_test_agent");
    tap.put("Body", "Later");
    tap.put("ButtonPayload", "LATER");
    postSignedForm("/callbacks/twilio/inbound", tap);

    assertThat(reminder).hasPassed("Replied", "EndReplied").isEnded();
    assertThat(reminder).variables().containsEntry("replyPayload", "LATER");
    TWILIO.verify(postRequestedFor(urlPathEqualTo("/v1/Content"))
        .withRequestBody(matchingJsonPath("$.types['twilio/quick-reply'].actions[1].id", equalTo("LATER"))));
  }

  @Test
  void withoutFallbackTheMessageGoesToTheRcsAddressOnly() {
    remind(phone, "\"layout\":\"card\",\"smsFallback\":\"false\"");

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo("rcs:" + phone)));
  }

  @Test
  void plainTextHasItsPlaceholdersFilledAndNoContent() {
    remind(phone, "\"layout\":\"text\",\"smsFallback\":\"true\"");

    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo(phone))
        .withFormParam("Body", equalTo("Hi Ana, your cart is waiting"))
        .withFormParam("ContentSid", absent()));
  }

  @Test
  void deliveryThatFellBackToSmsIsRecordedAsSuch() {
    ProcessInstance reminder = remind(phone, "\"layout\":\"card\",\"smsFallback\":\"true\"");
    String sid = deliveryOf(reminder, "Reminder").providerMessageId();

    Map<String, String> delivered = new LinkedHashMap<>();
    delivered.put("MessageSid", sid);
    delivered.put("MessageStatus", "delivered");
    delivered.put("From", "+15550000000");
    delivered.put("To", phone);
    postSignedForm("/callbacks/twilio/status", delivered);

    assertThat(touchpointJdbc.sql("select delivered_via from tp_delivery where provider_message_id = ?")
        .param(sid).query(String.class).single()).isEqualTo("SMS");
  }

  @Test
  void smsReplyToAMessageThatFellBackToSmsAnswersTheRcsJourney() {
    ProcessInstance reminder = remind(phone, "\"layout\":\"card\",\"smsFallback\":\"true\"");
    Map<String, String> delivered = new LinkedHashMap<>();
    delivered.put("MessageSid", deliveryOf(reminder, "Reminder").providerMessageId());
    delivered.put("MessageStatus", "delivered");
    delivered.put("From", "+15550000000");
    postSignedForm("/callbacks/twilio/status", delivered);

    contactTexts(phone, "ok");

    assertThat(reminder).hasPassed("Replied", "EndReplied").isEnded();
  }

  @Test
  void failedReminderTakesTheFailedBranch() {
    ProcessInstance reminder = remind(phone, "\"layout\":\"text\",\"smsFallback\":\"false\"");

    twilioReportsStatus(deliveryOf(reminder, "Reminder").providerMessageId(), "failed", "63024");

    assertThat(reminder).hasPassed("Failed", "EndFailed").isEnded();
  }

  @Test
  void unansweredReminderEndsAfterAnHour() {
    ProcessInstance reminder = remind(phone, "\"layout\":\"text\",\"smsFallback\":\"true\"");

    timePasses(Duration.ofMinutes(61), reminder);

    assertThat(reminder).hasPassed("Silence", "EndSilent").isEnded();
  }

  @Test
  void stopOverRcsOptsOutOfRcsOnly() {
    Map<String, String> stop = new LinkedHashMap<>();
    stop.put("MessageSid", "SMIN" + UUID.randomUUID().toString().replace("-", ""));
    stop.put("From", "rcs:" + phone);
    stop.put("Body", "STOP");
    postSignedForm("/callbacks/twilio/inbound", stop);

    ProcessInstance reminder = remind(phone, "\"layout\":\"text\",\"smsFallback\":\"true\"");

    assertThat(deliveryOf(reminder, "Reminder").outcome()).isEqualTo(Delivery.Outcome.SKIPPED);
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phone)));
  }

  private ProcessInstance remind(String phone, String data) {
    String contact = "rcs-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.rcs","contact":{"id":"%s","phone":"%s","firstName":"Ana"},"data":{%s}}"""
        .formatted(contact, phone, data)).statusCode()).isEqualTo(202);
    ProcessInstance reminder = instanceOf("rcs-cart", contact);
    runDueJobs(reminder);
    return reminder;
  }
}
