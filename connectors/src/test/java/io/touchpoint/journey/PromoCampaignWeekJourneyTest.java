package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped one-week promotional campaign, launched to an audience with one batch: catalogue email → 1 day →
 * WhatsApp coupon → a push a day counting down (5, 4, 3, 2 days left) → SMS on the last day → the campaign closes
 * and the sales dashboard learns who did not convert. An order during the week ends the campaign for that contact
 * at once and reports the conversion.
 */
class PromoCampaignWeekJourneyTest extends MarketingJourneyTest {

  static final String COUPON_TEMPLATE = "HX5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e57";
  static final String ANALYTICS_EVENTS = "/analytics/events";

  String audience;

  @BeforeEach
  void salesDashboardListens() {
    deploy("samples/promo-campaign-week.bpmn");
    TWILIO.stubFor(post(urlPathEqualTo(ANALYTICS_EVENTS)).willReturn(aResponse().withStatus(202)));
    audience = UUID.randomUUID().toString();
  }

  @Test
  void launchToAnAudienceSendsEveryContactTheirOwnCatalogue() throws Exception {
    List<ProcessInstance> journeys = launch("Ana", "Ben", "Chloé");

    for (String name : List.of("Ana", "Ben", "Chloé")) {
      MimeMessage catalogue = theEmailTo(emailOf(name));
      assertThat(catalogue.getSubject()).isEqualTo("Hi " + name + ", the Spring sale catalogue is here");
      assertThat(bodyPart(catalogue, "text/html")).contains("<h1>Spring sale</h1>").contains("<p>Hi " + name + ",</p>")
          .contains("comes with 20% off everything").contains(">Browse the catalogue</a>");
    }
    assertThat(contactClicks(theEmailTo(emailOf("Ben"))))
        .isEqualTo("https://shop.example.com/campaigns/spring-2026/catalogue");
    assertThat(journeys).allSatisfy(journey -> assertThat(journey).isWaitingAt("WaitOneDay"));
  }

  @Test
  void contactWhoDoesNotOrderIsCountedDownToTheLastDayAndReportedAsNotConverted() {
    ProcessInstance ana = launch("Ana").get(0);

    timePasses(Duration.ofDays(1).plusMinutes(1), ana);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo("whatsapp:" + phoneOf("Ana")))
        .withFormParam("ContentSid", equalTo(COUPON_TEMPLATE))
        .withFormParam("ContentVariables", equalToJson("{\"1\":\"Ana\",\"2\":\"20%\",\"3\":\"SPRING20\"}")));
    assertThat(ana).isWaitingAt("WaitNextDay");

    for (int day = 2; day <= 5; day++) {
      timePasses(Duration.ofDays(1), ana);
      assertThat(pushesTo(deviceOf("Ana"))).as("pushes by day " + day).hasSize(day - 1);
    }
    List<JsonNode> countdown = pushesTo(deviceOf("Ana"));
    assertThat(countdown).extracting(push -> push.at("/notification/title").asText()).containsExactly(
        "Only 5 days left in the Spring sale", "Only 4 days left in the Spring sale",
        "Only 3 days left in the Spring sale", "Only 2 days left in the Spring sale");
    assertThat(countdown).allSatisfy(push -> {
      assertThat(push.at("/notification/body").asText()).isEqualTo("Hi Ana, your 20% code SPRING20 is still waiting for you.");
      assertThat(push.at("/android/collapse_key").asText()).isEqualTo("campaign-countdown");
      assertThat(push.at("/webpush/fcm_options/link").asText()).isEqualTo("https://shop.example.com/campaigns/spring-2026");
    });
    assertThat(ana).isWaitingAt("WaitLastDay");

    timePasses(Duration.ofDays(1), ana);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))
        .withFormParam("To", equalTo(phoneOf("Ana")))
        .withFormParam("Body", equalTo("Last day, Ana! Your 20% code SPRING20 expires at midnight: "
            + "https://shop.example.com/campaigns/spring-2026 Reply STOP to opt out.")));
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(ANALYTICS_EVENTS)));

    timePasses(Duration.ofDays(1), ana);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(ANALYTICS_EVENTS))
        .withHeader("Authorization", equalTo("Bearer analytics-s3cret-token"))
        .withRequestBody(equalToJson(notConverted("Ana"))));
    assertThat(ana).hasPassedInOrder("CampaignLaunched", "SendCatalogueEmail", "WaitOneDay", "SendCouponWhatsApp",
        "WaitLastDay", "SendLastDaySms", "CampaignCloses", "ReportNoConversion", "CampaignOver").isEnded();
    assertThat(ana).hasNotPassed("OrderPlaced", "Converted");
  }

  @Test
  void orderDuringTheCountdownStopsTheCampaignAndReportsTheConversion() {
    List<ProcessInstance> journeys = launch("Ana", "Ben");
    ProcessInstance ana = journeys.get(0);
    ProcessInstance ben = journeys.get(1);
    timePasses(Duration.ofDays(1).plusMinutes(1), journeys);
    daysPass(2, journeys);
    assertThat(pushesTo(deviceOf("Ana"))).hasSize(2);

    assertThat(sendEvent("""
        {"name":"order.placed","id":"order-%s","contact":{"id":"%s"},"data":{"orderId":"SO-7731","orderTotal":59.9}}"""
        .formatted(audience, idOf("Ana"))).statusCode()).isEqualTo(202);
    runDueJobs(ana);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(ANALYTICS_EVENTS))
        .withHeader("Authorization", equalTo("Bearer analytics-s3cret-token"))
        .withRequestBody(equalToJson("""
            {"event": "campaign.converted", "campaignId": "spring-2026", "contactId": "%s", "orderId": "SO-7731",
             "orderTotal": 59.9}""".formatted(idOf("Ana")))));
    assertThat(ana).hasPassedInOrder("OrderPlaced", "ReportConversion", "Converted").isEnded();
    assertThat(ana).hasNotPassed("SendLastDaySms", "ReportNoConversion");

    daysPass(4, journeys);
    assertThat(pushesTo(deviceOf("Ana"))).hasSize(2);
    assertThat(pushesTo(deviceOf("Ben"))).hasSize(4);
    assertThat(ben).hasPassed("SendLastDaySms", "ReportNoConversion", "CampaignOver").isEnded();
    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(ANALYTICS_EVENTS)).withRequestBody(equalToJson(notConverted("Ben"))));
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(ANALYTICS_EVENTS)).withRequestBody(equalToJson(notConverted("Ana"))));
  }

  /** One day after the other: each day's timers fire on their day. */
  private void daysPass(int days, List<ProcessInstance> journeys) {
    for (int day = 0; day < days; day++) {
      timePasses(Duration.ofDays(1), journeys);
    }
  }

  /** The marketing tool launches the campaign to its audience in one batch; every contact is in the journey. */
  private List<ProcessInstance> launch(String... firstNames) {
    String events = Stream.of(firstNames).map(name -> """
        {"name":"campaign.launched","id":"spring-2026-%s","contact":{"id":"%s","phone":"%s","email":"%s",
         "pushToken":"%s","firstName":"%s"},"data":{"campaignId":"spring-2026","campaignName":"Spring sale",
         "discount":"20%%","couponCode":"SPRING20"}}"""
        .formatted(idOf(name), idOf(name), phoneOf(name), emailOf(name), deviceOf(name), name))
        .collect(Collectors.joining(",", "{\"events\":[", "]}"));
    HttpResponse<String> launched = postJson("/api/events/batch", events);
    assertThat(launched.statusCode()).isEqualTo(202);
    launchApplied(launched);
    List<ProcessInstance> journeys = Stream.of(firstNames).map(name -> instanceOf("promo-campaign-week", idOf(name)))
        .toList();
    journeys.forEach(this::runDueJobs);
    return journeys;
  }

  private String notConverted(String firstName) {
    return """
        {"event": "campaign.not_converted", "campaignId": "spring-2026", "contactId": "%s"}""".formatted(idOf(firstName));
  }

  private String idOf(String firstName) {
    return firstName.toLowerCase() + "-" + audience;
  }

  private String emailOf(String firstName) {
    return idOf(firstName).replace("é", "e") + "@example.test";
  }

  private String deviceOf(String firstName) {
    return "device-" + idOf(firstName);
  }

  private static String phoneOf(String firstName) {
    return "+1555123" + String.format("%04d", Math.abs(firstName.hashCode()) % 10_000);
  }
}
