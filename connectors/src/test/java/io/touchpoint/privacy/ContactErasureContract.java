package io.touchpoint.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.analytics.AnalyticsRange;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code DELETE /api/contacts/{id}}: after an erasure nothing in the database names the contact or their addresses
 * (engine tables and ledger alike), their running journeys are cancelled, their opt-outs still hold, and analytics
 * counts what it counted before. Each test runs its own copy of the signup sample (a key and event of its own), for
 * contacts and numbers of its own. Run on H2 and on PostgreSQL.
 */
abstract class ContactErasureContract extends JourneyTest {

  @Autowired
  JourneyAnalytics analytics;
  @Autowired
  ConsentRegistry consent;

  String key;
  String event;
  String contact;
  String phone;

  @BeforeEach
  void ownJourneyAndContact() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    key = "erasure-" + suffix;
    event = "erasure-" + suffix + ".signup";
    contact = "ana-" + suffix;
    phone = randomPhone();
    String sample = resource("samples/signup-welcome.bpmn")
        .replace("id=\"signup-welcome\"", "id=\"" + key + "\"")
        .replace("value=\"user.signup\"", "value=\"" + event + "\"");
    repositoryService.createDeployment().addString(key + ".bpmn", sample).deploy();
  }

  @Test
  void nothingInTheDatabaseNamesTheContactAfterwards() {
    ProcessInstance ended = welcomeFails(contact, phone, "evt-1-" + key);
    ProcessInstance running = welcomeSent(contact, phone, "evt-2-" + key);
    assertThat(contactTexts(phone, "Thanks, see you soon").statusCode()).isEqualTo(200);
    assertThat(contactTexts(phone, "STOP").statusCode()).isEqualTo(200);
    String other = "bob-" + key;
    String otherPhone = randomPhone();
    welcomeSent(other, otherPhone, "evt-3-" + key);
    assertThat(mentions(contact)).isNotEmpty();
    assertThat(mentions(phone)).isNotEmpty();

    assertThat(erase(contact).statusCode()).isEqualTo(204);

    assertThat(mentions(contact)).isEmpty();
    assertThat(mentions(phone)).isEmpty();
    assertThat(mentions("Thanks, see you soon")).isEmpty();
    assertThat(mentions(other)).as("another contact keeps their data").isNotEmpty();
    assertThat(mentions(otherPhone)).isNotEmpty();
    // the rows are still there, under one pseudonym
    List<String> pseudonyms = touchpointJdbc.sql("select distinct contact_id from tp_delivery "
            + "where process_instance_id in (?, ?)").params(ended.getId(), running.getId())
        .query(String.class).list();
    assertThat(pseudonyms).hasSize(1).allSatisfy(pseudonym -> assertThat(pseudonym).startsWith("erased-"));
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(pseudonyms.get(0))
        .count()).isEqualTo(2);
    assertThat(touchpointJdbc.sql("select count(*) from tp_erasure where pseudonym = ? and journeys = 2 "
            + "and cancelled = 1 and deliveries = 2 and inbound_messages = 2 and opt_outs = 1 and events = 2")
        .param(pseudonyms.get(0)).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void runningJourneysAreCancelledAndTheOthersGoOn() {
    ProcessInstance running = welcomeSent(contact, phone, "evt-1-" + key);
    ProcessInstance others = welcomeSent("bob-" + key, randomPhone(), "evt-2-" + key);

    erase(contact);

    assertThat(running).isEnded();
    HistoricProcessInstance cancelled = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(running.getId()).singleResult();
    assertThat(cancelled.getState()).isEqualTo(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED);
    assertThat(cancelled.getDeleteReason()).isEqualTo(ContactJourneys.CANCELLED);
    assertThat(others).isWaitingAt("WelcomeOutcome");
  }

  @Test
  void analyticsCountsTheSameAfterAnErasure() {
    welcomeFails(contact, phone, "evt-1-" + key);
    ProcessInstance delivered = welcomeSent("bob-" + key, randomPhone(), "evt-2-" + key);
    twilioReportsStatus(providerMessageId(delivered), "delivered");
    timePasses(Duration.ofDays(1).plusMinutes(1), delivered);
    assertThat(delivered).isEnded();
    var before = analytics.journey(key, null, AnalyticsRange.all());

    erase(contact);

    var after = analytics.journey(key, null, AnalyticsRange.all());
    assertThat(after.summary().started()).isEqualTo(2);
    assertThat(after).usingRecursiveComparison().isEqualTo(before);
  }

  @Test
  void anErasedContactsOptOutStillHolds() {
    welcomeSent(contact, phone, "evt-1-" + key);
    contactTexts(phone, "STOP");

    erase(contact);

    assertThat(touchpointJdbc.sql("select count(*) from tp_opt_out where address = ?").param(phone)
        .query(Integer.class).single()).isZero();
    assertThat(consent.isOptedOut(Channel.SMS, phone)).isTrue();
    // the same number comes back under a new contact id: it is still not messaged
    ProcessInstance again = started("carla-" + key, phone, "evt-2-" + key);
    runDueJobs(again);
    // a skipped send answers "failed"; it may be correlated on the after-commit thread
    eventually().untilAsserted(() -> assertThat(again).hasPassed("WelcomeFailed"));
    assertThat(touchpointJdbc.sql("select outcome_reason from tp_delivery where process_instance_id = ?")
        .param(again.getId()).query(String.class).single()).startsWith("recipient opted out of sms");
    // a START from that number opts it back in
    contactTexts(phone, "START");
    assertThat(consent.isOptedOut(Channel.SMS, phone)).isFalse();
  }

  @Test
  void erasingAgainChangesNothingAndAnswersTheSame() {
    welcomeFails(contact, phone, "evt-1-" + key);
    assertThat(erase(contact).statusCode()).isEqualTo(204);
    String pseudonym = touchpointJdbc.sql("select contact_id from tp_event where id = ?").param("evt-1-" + key)
        .query(String.class).single();

    HttpResponse<String> again = erase(contact);

    assertThat(again.statusCode()).isEqualTo(204);
    assertThat(again.body()).isEmpty();
    assertThat(touchpointJdbc.sql("select contact_id from tp_event where id = ?").param("evt-1-" + key)
        .query(String.class).single()).isEqualTo(pseudonym);
    assertThat(erase("never-seen-" + key).statusCode()).isEqualTo(204);
  }

  @Test
  void aProcessThatIsNoJourneyIsLeftAloneThoughItUsesTheSameBusinessKey() {
    repositoryService.createDeployment().addModelInstance("order.bpmn", Bpmn.createExecutableProcess("order-" + key)
        .camundaHistoryTimeToLive(30).startEvent().userTask("Pack").endEvent().done()).deploy();
    ProcessInstance order = runtimeService.startProcessInstanceByKey("order-" + key, contact,
        Map.of("phone", phone));
    welcomeSent(contact, phone, "evt-1-" + key);

    erase(contact);

    assertThat(order).isWaitingAt("Pack");
    assertThat(runtimeService.getVariable(order.getId(), "phone")).isEqualTo(phone);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(order.getId()).singleResult()
        .getBusinessKey()).isEqualTo(contact);
  }

  @Test
  void anIdNoContactCanHaveIsRefusedNamingIt() {
    HttpResponse<String> tooLong = erase("x".repeat(256));

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(tooLong.body()).contains("\"field\":\"id\"");
  }

  @Test
  void erasureNeedsTheApiKey() throws Exception {
    welcomeSent(contact, phone, "evt-1-" + key);
    HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/" + contact)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(mentions(contact)).isNotEmpty();
  }

  // ---- the scenario's steps

  private ProcessInstance started(String contactId, String number, String eventId) {
    assertThat(sendEvent("""
        {"name":"%s","id":"%s","contact":{"id":"%s","phone":"%s","firstName":"Ana"}}"""
        .formatted(event, eventId, contactId, number)).statusCode()).isEqualTo(202);
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(key).processInstanceBusinessKey(contactId)
        .active().singleResult();
  }

  /** A journey whose welcome SMS went out and that waits for its status. */
  private ProcessInstance welcomeSent(String contactId, String number, String eventId) {
    ProcessInstance journey = started(contactId, number, eventId);
    runDueJobs(journey);
    assertThat(journey).isWaitingAt("WelcomeOutcome");
    return journey;
  }

  /** A journey that ended: Twilio could not deliver the welcome. */
  private ProcessInstance welcomeFails(String contactId, String number, String eventId) {
    ProcessInstance journey = welcomeSent(contactId, number, eventId);
    twilioReportsStatus(providerMessageId(journey), "undelivered");
    assertThat(journey).isEnded();
    return journey;
  }

  private String providerMessageId(ProcessInstance journey) {
    return touchpointJdbc.sql("select provider_message_id from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(String.class).single();
  }

  private HttpResponse<String> erase(String contactId) {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/" + contactId))
              .header("Authorization", "Bearer test-key").DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every text column of the engine's and Touchpoint's tables, and every stored byte array (serialized variables,
   * stack traces), where the value appears: {@code table.column} or {@code ACT_GE_BYTEARRAY:id}.
   */
  private List<String> mentions(String value) {
    List<String> found = new ArrayList<>();
    List<Map<String, Object>> columns = touchpointJdbc.sql("""
            select table_name, column_name from information_schema.columns
            where lower(table_schema) = 'public' and (lower(data_type) like '%char%' or lower(data_type) = 'text')""")
        .query().listOfRows();
    for (Map<String, Object> column : columns) {
      String table = ((String) column.get("table_name")).toLowerCase(Locale.ROOT);
      String name = ((String) column.get("column_name")).toLowerCase(Locale.ROOT);
      if ((table.startsWith("act_") || table.startsWith("tp_")) && touchpointJdbc.sql(
          "select count(*) from " + table + " where " + name + " like ?").param("%" + value + "%")
          .query(Integer.class).single() > 0) {
        found.add(table + "." + name + variablesNaming(table, name, value));
      }
    }
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    touchpointJdbc.sql("select ID_, BYTES_ from ACT_GE_BYTEARRAY").query((rs, row) -> {
      byte[] bytes = rs.getBytes(2);
      if (bytes != null && new String(bytes, StandardCharsets.ISO_8859_1)
          .contains(new String(needle, StandardCharsets.ISO_8859_1))) {
        found.add("ACT_GE_BYTEARRAY:" + rs.getString(1));
      }
      return null;
    }).list();
    return found;
  }

  /** For a variable table, which variables of which instances: what a failure needs to be understood. */
  private String variablesNaming(String table, String column, String value) {
    if (!List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail").contains(table)) {
      return "";
    }
    return touchpointJdbc.sql("select NAME_, PROC_INST_ID_ from " + table + " where " + column + " like ?")
        .param("%" + value + "%").query((rs, row) -> rs.getString(1) + "@" + rs.getString(2)).list().toString();
  }

  private static String randomPhone() {
    return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
  }

  private static String resource(String path) {
    try (InputStream in = ContactErasureContract.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
