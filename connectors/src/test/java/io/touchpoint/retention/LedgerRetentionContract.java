package io.touchpoint.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.autoconfigure.TouchpointProperties;
import io.touchpoint.testapp.JourneyTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Retention of the ledger ({@code touchpoint.retention.*}): what a journey that ended longer ago than the period
 * left in the {@code tp_*} tables is deleted, in batches; what running or recently ended journeys left stays. Time
 * passes by running the cleanup with a clock 181 days ahead (the period is 180 days). A database of its own (the
 * batch size makes the context distinct), since a cleanup sees every journey. Run on H2 and on PostgreSQL.
 */
@TestPropertySource(properties = "touchpoint.retention.batch-size=2")
// its settings are its own: closed after the class rather than kept in the context cache for the rest of the run
@DirtiesContext
abstract class LedgerRetentionContract extends JourneyTest {

  @Autowired
  TouchpointProperties properties;
  @Autowired
  PlatformTransactionManager transactionManager;

  String key;
  String event;

  @BeforeEach
  void ownJourney() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    key = "retention-" + suffix;
    event = key + ".signup";
    String sample = resource("samples/signup-welcome.bpmn")
        .replace("id=\"signup-welcome\"", "id=\"" + key + "\"")
        .replace("value=\"user.signup\"", "value=\"" + event + "\"");
    repositoryService.createDeployment().addString(key + ".bpmn", sample).deploy();
  }

  @Test
  void theLedgerOfJourneysThatEndedLongerAgoGoesAndTheRestStays() {
    String phone = randomPhone();
    ProcessInstance endedLongAgo = welcomeFails("a-" + key, phone);
    assertThat(contactTexts(phone, "Thanks!").statusCode()).isEqualTo(200);
    String endedDelivery = deliveryId(endedLongAgo);
    insertMachineOpenUnsubscribeAndWebhookCall(endedLongAgo, endedDelivery);
    ProcessInstance running = welcomeSent("b-" + key, randomPhone());
    insertMachineOpenUnsubscribeAndWebhookCall(running, deliveryId(running));
    ProcessInstance endedRecently = welcomeSent("c-" + key, randomPhone());
    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(10))));
    twilioReportsStatus(providerMessageId(endedRecently), "undelivered");
    assertThat(endedRecently).isEnded();
    ProcessInstance forgottenByTheEngine = welcomeFails("d-" + key, randomPhone());
    historyService.deleteHistoricProcessInstance(forgottenByTheEngine.getId());
    assertThat(contactTexts(randomPhone(), "Who is this?").statusCode()).isEqualTo(200);
    assertThat(twilioReportsStatus("SM" + UUID.randomUUID().toString().replace("-", ""), "delivered").statusCode())
        .isEqualTo(204);

    assertThat(rowsOf(endedLongAgo, endedDelivery)).doesNotContain(0);
    List<Integer> runningRows = rowsOf(running, deliveryId(running));

    int deleted = retentionRunning181DaysFromNow().cleanUp();

    assertThat(rowsOf(endedLongAgo, endedDelivery)).containsOnly(0);
    assertThat(count("tp_delivery", "process_instance_id", forgottenByTheEngine.getId())).isZero();
    assertThat(rowsOf(running, deliveryId(running))).isEqualTo(runningRows);
    assertThat(count("tp_delivery", "process_instance_id", endedRecently.getId())).isEqualTo(1);
    assertThat(count("tp_inbound_message", "body", "Who is this?")).isZero();
    assertThat(touchpointJdbc.sql("select count(*) from tp_status_report where delivery_id is null")
        .query(Integer.class).single()).isZero();
    assertThat(touchpointJdbc.sql("select count(*) from tp_event").query(Integer.class).single()).isZero();
    assertThat(count("tp_journey_entry", "contact_id", "a-" + key)).as("the 'once' rule needs it").isEqualTo(1);
    assertThat(deleted).isPositive();
  }

  @Test
  void nothingIsDeletedBeforeThePeriodHasPassedSinceTheJourneyEnded() {
    ProcessInstance ended = welcomeFails("a-" + key, randomPhone());

    int deleted = new LedgerRetention(touchpointJdbc, transactionManager,
        Clock.offset(Clock.systemUTC(), Duration.ofDays(179)), properties.retention().period(),
        properties.retention().batchSize()).cleanUp();

    assertThat(count("tp_delivery", "process_instance_id", ended.getId())).isEqualTo(1);
    assertThat(deleted).isZero();
  }

  @Test
  void nodesCleaningUpAtTheSameTimeDeleteEverythingOnceWithoutFailing() {
    List<ProcessInstance> ended = List.of(welcomeFails("a-" + key, randomPhone()),
        welcomeFails("b-" + key, randomPhone()), welcomeFails("c-" + key, randomPhone()),
        welcomeFails("d-" + key, randomPhone()), welcomeFails("e-" + key, randomPhone()));

    CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> retentionRunning181DaysFromNow().cleanUp());
    CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> retentionRunning181DaysFromNow().cleanUp());
    one.join();
    other.join();

    ended.forEach(instance ->
        assertThat(count("tp_delivery", "process_instance_id", instance.getId())).isZero());
  }

  // ---- the scenario's steps

  private LedgerRetention retentionRunning181DaysFromNow() {
    return new LedgerRetention(touchpointJdbc, transactionManager, Clock.offset(Clock.systemUTC(),
        Duration.ofDays(181)), properties.retention().period(), properties.retention().batchSize());
  }

  /** What the ledger holds of the instance and its delivery, table by table. */
  private List<Integer> rowsOf(ProcessInstance instance, String deliveryId) {
    return List.of(count("tp_delivery", "process_instance_id", instance.getId()),
        count("tp_delivery_status", "delivery_id", deliveryId),
        count("tp_status_report", "delivery_id", deliveryId),
        count("tp_inbound_message", "delivery_id", deliveryId),
        count("tp_machine_open", "delivery_id", deliveryId),
        count("tp_unsubscribe", "delivery_id", deliveryId),
        count("tp_webhook_call", "process_instance_id", instance.getId()));
  }

  private void insertMachineOpenUnsubscribeAndWebhookCall(ProcessInstance instance, String deliveryId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    touchpointJdbc.sql("insert into tp_machine_open (delivery_id, user_agent, opened_at) values (?, ?, ?)")
        .params(deliveryId, "GoogleImageProxy", now).update();
    touchpointJdbc.sql("insert into tp_unsubscribe (delivery_id, unsubscribed_at) values (?, ?)")
        .params(deliveryId, now).update();
    touchpointJdbc.sql("""
            insert into tp_webhook_call (id, journey_key, process_instance_id, activity_id, http_status, called_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), key, instance.getId(), "TellCrm", 200, now).update();
  }

  private ProcessInstance welcomeSent(String contactId, String number) {
    assertThat(sendEvent("""
        {"name":"%s","id":"%s","contact":{"id":"%s","phone":"%s","firstName":"Ana"}}"""
        .formatted(event, "evt-" + contactId, contactId, number)).statusCode()).isEqualTo(202);
    ProcessInstance journey = runtimeService.createProcessInstanceQuery().processDefinitionKey(key)
        .processInstanceBusinessKey(contactId).singleResult();
    runDueJobs(journey);
    assertThat(journey).isWaitingAt("WelcomeOutcome");
    return journey;
  }

  private ProcessInstance welcomeFails(String contactId, String number) {
    ProcessInstance journey = welcomeSent(contactId, number);
    twilioReportsStatus(providerMessageId(journey), "undelivered");
    assertThat(journey).isEnded();
    return journey;
  }

  private String deliveryId(ProcessInstance journey) {
    return touchpointJdbc.sql("select id from tp_delivery where process_instance_id = ?").param(journey.getId())
        .query(String.class).single();
  }

  private String providerMessageId(ProcessInstance journey) {
    return touchpointJdbc.sql("select provider_message_id from tp_delivery where process_instance_id = ?")
        .param(journey.getId()).query(String.class).single();
  }

  private int count(String table, String column, String value) {
    return touchpointJdbc.sql("select count(*) from " + table + " where " + column + " = ?").param(value)
        .query(Integer.class).single();
  }

  private static String randomPhone() {
    return "+1555" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
  }

  private static String resource(String path) {
    try (InputStream in = LedgerRetentionContract.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
