package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.experiment.StickyBuckets;
import io.touchpoint.experiment.VariantWeights;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped promotion with an A/B test on its first message and a 10 % holdout: the control gets the catalogue
 * email, variant B the coupon email, a held-out contact nothing; three days later an SMS last call, a day after
 * that the promotion closes. An order at any point ends it as a goal, and counts for the contact's group.
 */
class PromoCampaignExperimentJourneyTest extends SampleJourneyTest {

  static final String JOURNEY = "promo-campaign-experiment";
  static final String EXPERIMENT = "promo-first-message";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final VariantWeights WEIGHTS = VariantWeights.parse("control=50,B=50");

  String audience;

  @BeforeEach
  void deployTheSample() {
    deploy("samples/promo-campaign-experiment.bpmn");
    audience = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void eachGroupGetsItsOwnFirstMessageAndTheHeldOutContactNothing() throws Exception {
    Map<String, Long> enteredBefore = entered();
    String control = contactIn("control");
    String b = contactIn("B");
    String heldOut = contactIn("holdout");

    ProcessInstance controlJourney = launch(control);
    ProcessInstance bJourney = launch(b);
    launch(heldOut);

    assertThat(theEmailTo(emailOf(control)).getSubject()).isEqualTo("Hi Ana, the Spring sale catalogue is here");
    assertThat(theEmailTo(emailOf(b)).getSubject()).isEqualTo("Ana, 20% off with SPRING20 this week");
    assertThat(emailsTo(emailOf(heldOut))).isEmpty();
    HistoricProcessInstance held = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(JOURNEY)
        .processInstanceBusinessKey(heldOut).singleResult();
    assertThat(held.getEndActivityId()).as("held out at the start").isEqualTo("PromoLaunched");
    assertThat(controlJourney).hasPassed("FirstMessage", "SendCatalogueEmail").isWaitingAt("WaitThreeDays");
    assertThat(bJourney).hasPassed("FirstMessage", "SendCouponEmail").isWaitingAt("WaitThreeDays");

    order(b);
    order(heldOut);
    runDueJobs(bJourney);
    assertThat(bJourney).hasPassed("OrderPlaced", "Converted").isEnded();

    Map<String, Long> enteredAfter = entered();
    for (String group : new String[] {"control", "B", "holdout"}) {
      assertThat(enteredAfter.get(group) - enteredBefore.getOrDefault(group, 0L)).as(group).isEqualTo(1);
    }
    JsonNode journeySummary = JSON.readTree(callApi("GET", "/api/analytics/journeys/" + JOURNEY).body())
        .path("summary");
    assertThat(journeySummary.path("heldOut").asLong()).isPositive();
  }

  @Test
  void withoutAnOrderTheLastCallComesAfterThreeDaysAndThePromotionClosesADayLater() {
    String contact = contactIn("control");
    ProcessInstance journey = launch(contact);

    timePasses(Duration.ofDays(3).plusMinutes(1), journey);
    TWILIO.verify(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(phoneOf(contact)))
        .withFormParam("Body", equalTo("Last call, Ana: 20% off with SPRING20 until tomorrow night: "
            + "https://shop.example.com/campaigns/spring-2026 Reply STOP to opt out.")));
    assertThat(journey).isWaitingAt("PromoCloses");

    timePasses(Duration.ofDays(1), journey);
    assertThat(journey).hasPassedInOrder("PromoLaunched", "FirstMessage", "SendCatalogueEmail", "WaitThreeDays",
        "SendLastCallSms", "PromoCloses", "PromoOver").isEnded();
    assertThat(journey).hasNotPassed("Converted");
  }

  /** A contact id of this test's audience that the sample's holdout and split put in the group. */
  private String contactIn(String group) {
    for (int i = 0; ; i++) {
      String contact = "promo-" + audience + "-" + i;
      boolean heldOut = StickyBuckets.heldOut(JOURNEY, 10, contact);
      String landed = heldOut ? "holdout" : WEIGHTS.variantOf(StickyBuckets.bucket(EXPERIMENT, contact));
      if (landed.equals(group)) {
        return contact;
      }
    }
  }

  private ProcessInstance launch(String contact) {
    assertThat(sendEvent("""
        {"name":"promo.launched","id":"launch-%s","contact":{"id":"%s","phone":"%s","email":"%s","firstName":"Ana"},
         "data":{"campaignId":"spring-2026","campaignName":"Spring sale","discount":"20%%","couponCode":"SPRING20"}}"""
        .formatted(contact, contact, phoneOf(contact), emailOf(contact))).statusCode()).isEqualTo(202);
    ProcessInstance journey = instanceOf(JOURNEY, contact);
    if (journey != null) {
      runDueJobs(journey);
    }
    return journey;
  }

  private void order(String contact) {
    assertThat(sendEvent("""
        {"name":"order.placed","contact":{"id":"%s"}}""".formatted(contact)).statusCode()).isEqualTo(202);
  }

  private Map<String, Long> entered() throws Exception {
    JsonNode experiment = JSON.readTree(callApi("GET", "/api/analytics/journeys/" + JOURNEY + "/experiments").body())
        .path("experiments").get(0);
    assertThat(experiment.path("key").asText()).isEqualTo(EXPERIMENT);
    Map<String, Long> entered = new HashMap<>();
    experiment.path("variants").forEach(v -> entered.put(v.path("name").asText(), v.path("entered").asLong()));
    entered.put("holdout", experiment.path("holdout").path("entered").asLong());
    return entered;
  }

  private static String emailOf(String contact) {
    return contact + "@example.test";
  }

  private static String phoneOf(String contact) {
    return "+1555" + String.format("%07d", Math.floorMod(contact.hashCode(), 10_000_000));
  }
}
