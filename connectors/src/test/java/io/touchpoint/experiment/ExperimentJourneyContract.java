package io.touchpoint.experiment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An offer journey with an experiment split (A 45 %, B 45 %, control 10 %, each variant its own SMS) and a 10 %
 * holdout, run on the engine clock: who lands where, what is recorded, what the experiments API reports.
 */
abstract class ExperimentJourneyContract extends JourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Known true conversion rates, driven by the contact's index within their group: every k-th converts. */
  private static final Map<String, Integer> EVERY_KTH = Map.of("A", 10, "B", 4, "control", 10, "holdout", 20);

  String journey;
  String experiment;
  String contacts;

  @BeforeEach
  void deployTheOfferJourney() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    journey = "offer-" + suffix;
    experiment = "offer-text-" + suffix;
    contacts = "c-" + suffix + "-";
    deployOffer("A=45,B=45,control=10");
  }

  @Test
  void thousandContactsAreSplitByWeightAndTheApiReportsTheirConversionsExactly() throws Exception {
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      String contact = contacts + i;
      assertThat(enter(contact).statusCode()).isEqualTo(202);
      byGroup.computeIfAbsent(groupOf(contact), g -> new ArrayList<>()).add(contact);
    }
    assertThat(byGroup.keySet()).containsExactlyInAnyOrder("A", "B", "control", "holdout");
    Map<String, Integer> converted = new LinkedHashMap<>();
    byGroup.forEach((group, members) -> {
      int every = EVERY_KTH.get(group);
      int count = 0;
      for (int i = 0; i < members.size(); i++) {
        if (i % every == every - 1) {
          assertThat(orderPlaced(members.get(i)).statusCode()).isEqualTo(202);
          count++;
        }
      }
      converted.put(group, count);
    });
    // a second order converts no one twice; an order after the 7-day window converts no one
    String twice = byGroup.get("B").get(3);
    orderPlaced(twice);
    String late = byGroup.get("A").get(0);
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofDays(8).toMillis()));
    orderPlaced(late);

    JsonNode report = experiments().path("experiments");
    assertThat(report).hasSize(1);
    JsonNode offer = report.get(0);
    assertThat(offer.path("key").asText()).isEqualTo(experiment);
    assertThat(offer.path("conversionEvent").asText()).isEqualTo("order.placed");
    Map<String, JsonNode> groups = new LinkedHashMap<>();
    offer.path("variants").forEach(variant -> groups.put(variant.path("name").asText(), variant));
    groups.put("holdout", offer.path("holdout"));
    assertThat(groups.keySet()).containsExactly("A", "B", "control", "holdout");
    Map<String, Double> trueRate = Map.of("A", 0.1, "B", 0.25, "control", 0.1, "holdout", 0.05);
    Map<String, Double> weight = Map.of("A", 0.405, "B", 0.405, "control", 0.09, "holdout", 0.1);
    groups.forEach((name, group) -> {
      assertThat(group.path("entered").asLong()).as(name + " entered").isEqualTo((long) byGroup.get(name).size());
      assertThat(group.path("converted").asLong()).as(name + " converted").isEqualTo((long) converted.get(name));
      assertThat(group.path("rate").asDouble()).as(name + " rate")
          .isEqualTo((double) converted.get(name) / byGroup.get(name).size());
      assertThat(group.path("weight").asDouble()).as(name + " weight").isCloseTo(weight.get(name),
          org.assertj.core.data.Offset.offset(1e-9));
      JsonNode interval = group.path("interval");
      assertThat(trueRate.get(name)).as(name + " true rate within its interval")
          .isBetween(interval.get(0).asDouble(), interval.get(1).asDouble());
    });
    assertThat(groups.get("control").path("lift").isNull()).isTrue();
    assertThat(groups.get("control").path("decision").isNull()).isTrue();
    for (String variant : List.of("A", "B", "holdout")) {
      JsonNode lift = groups.get(variant).path("lift");
      assertThat(lift.path("interval")).hasSize(2);
      assertThat(groups.get(variant).path("decision").asText()).isIn("better", "worse", "inconclusive");
    }
    // A converts like the control: the only true difference is B's, so A cannot be called either way
    assertThat(groups.get("A").path("decision").asText()).isEqualTo("inconclusive");
    assertThat(groups.get("A").path("lift").path("value").asDouble()).isCloseTo(
        groups.get("A").path("rate").asDouble() - groups.get("control").path("rate").asDouble(),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(offer.path("srm").path("flagged").asBoolean()).isFalse();
    assertThat(offer.path("srm").path("pValue").asDouble()).isGreaterThan(0.001);

    HttpResponse<String> csv = callApi("GET", "/api/analytics/journeys/" + journey + "/experiments.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.body()).startsWith("experiment_key,conversion_event,group,weight,entered,converted,rate,")
        .contains(experiment + ",order.placed,B,0.4050," + byGroup.get("B").size() + "," + converted.get("B") + ",");

    JsonNode summary = JSON.readTree(callApi("GET", "/api/analytics/journeys/" + journey).body()).path("summary");
    assertThat(summary.path("heldOut").asLong()).isEqualTo((long) byGroup.get("holdout").size());
  }

  @Test
  void aContactKeepsTheirVariantOnReentryAndInANewVersion() {
    String contact = contacts + "sticky";
    while (StickyBuckets.heldOut(journey, 10, contact)) {
      contact = contact + "x";
    }
    enter(contact);
    String first = groupOf(contact);
    finishRunningInstance(contact);
    enter(contact);
    assertThat(groupOf(contact)).isEqualTo(first);
    finishRunningInstance(contact);

    // the new version weights the variants differently: the contact's first assignment still counts
    deployOffer(first.equals("control") ? "A=90,B=5,control=5" : "A=5,B=5,control=90");
    enter(contact);
    assertThat(groupOf(contact)).isEqualTo(first);

    JsonNode variants = experiments().path("experiments").get(0).path("variants");
    long entered = 0;
    for (JsonNode variant : variants) {
      entered += variant.path("entered").asLong();
    }
    assertThat(entered).as("one contact, one entrant").isEqualTo(1);
  }

  @Test
  void aHeldOutContactReceivesNothingButTheirGoalStillCounts() {
    String heldOut = contacts + "held";
    while (!StickyBuckets.heldOut(journey, 10, heldOut)) {
      heldOut = heldOut + "x";
    }
    String treated = contacts + "treated";
    while (StickyBuckets.heldOut(journey, 10, treated)) {
      treated = treated + "x";
    }
    enter(heldOut);
    enter(treated);
    ProcessInstance treatedJourney = instanceOf(journey, treated);
    runDueJobs(treatedJourney);

    HistoricProcessInstance held = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(journey).processInstanceBusinessKey(heldOut).singleResult();
    assertThat(held.getEndTime()).as("ended at once").isNotNull();
    assertThat(held.getEndActivityId()).isEqualTo("OfferRequested");
    assertThat(touchpointJdbc.sql("select count(*) from tp_delivery where contact_id = ?").param(heldOut)
        .query(Long.class).single()).as("ledger rows of the held-out contact").isZero();
    TWILIO.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing(phoneEncoded(heldOut))));
    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withRequestBody(containing(phoneEncoded(treated))));

    orderPlaced(heldOut);
    JsonNode holdout = experiments().path("experiments").get(0).path("holdout");
    assertThat(holdout.path("entered").asLong()).isEqualTo(1);
    assertThat(holdout.path("converted").asLong()).isEqualTo(1);
  }

  // ---- helpers

  private void deployOffer(String weights) {
    String bpmn = read("/bpmn/experiment/offer-experiment.bpmn")
        .replace("id=\"offer-experiment\"", "id=\"" + journey + "\"")
        .replace("value=\"offer-text\"", "value=\"" + experiment + "\"")
        .replace("value=\"offer.requested\"", "value=\"offer.requested." + journey + "\"")
        .replace("value=\"A=45,B=45,control=10\"", "value=\"" + weights + "\"");
    repositoryService.createDeployment().addString("offer.bpmn", bpmn).deploy();
  }

  private HttpResponse<String> enter(String contact) {
    return sendEvent("""
        {"name":"offer.requested.%s","contact":{"id":"%s","phone":"%s"}}""".formatted(journey, contact, phoneOf(contact)));
  }

  private HttpResponse<String> orderPlaced(String contact) {
    return sendEvent("""
        {"name":"order.placed","contact":{"id":"%s"}}""".formatted(contact));
  }

  /** Where the contact's newest instance went: held out (ended at its start) or waiting at a variant's send. */
  private String groupOf(String contact) {
    ProcessInstance running = instanceOf(journey, contact);
    if (running == null) {
      return "holdout";
    }
    Map<String, String> sends = Map.of("SendA", "A", "SendB", "B", "SendControl", "control");
    List<String> waitingAt = sends.keySet().stream().filter(send -> managementService.createJobQuery()
        .processInstanceId(running.getId()).activityId(send).count() == 1).toList();
    assertThat(waitingAt).as("the variant's send").hasSize(1);
    return sends.get(waitingAt.get(0));
  }

  private void finishRunningInstance(String contact) {
    runtimeService.deleteProcessInstance(instanceOf(journey, contact).getId(), "test: next entry");
  }

  private JsonNode experiments() {
    HttpResponse<String> answer = callApi("GET", "/api/analytics/journeys/" + journey + "/experiments");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String phoneOf(String contact) {
    return "+1555" + String.format("%07d", Math.floorMod(contact.hashCode(), 10_000_000));
  }

  private static String phoneEncoded(String contact) {
    return "To=%2B" + phoneOf(contact).substring(1);
  }

  private static String read(String resource) {
    try (InputStream in = ExperimentJourneyContract.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
