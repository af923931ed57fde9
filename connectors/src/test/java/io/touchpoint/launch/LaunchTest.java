package io.touchpoint.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.testapp.JourneyTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A campaign launch is stored at once and applied in the background: the answer comes before any journey starts,
 * every stored event is applied once, and the launch's progress tells what its events did.
 */
@ExtendWith(OutputCaptureExtension.class)
class LaunchTest extends JourneyTest {

  private final ObjectMapper json = new ObjectMapper();
  @Autowired
  private LaunchRunner launchRunner;
  private String audience;

  @BeforeEach
  void theCartJourneyIsDeployed() {
    deploy("bpmn/cart-goal.bpmn");
    audience = "a-" + UUID.randomUUID();
  }

  @Test
  void anUploadOfManyLinesIsStoredChunkByChunkAndEveryGoodLineStartsItsJourney() throws Exception {
    String lines = IntStream.range(0, 1_100).mapToObj(i -> i == 7 ? "{\"name\":\"cart.abandoned\",\"contact\":{}}"
            : i == 900 ? "not json" : event(i, null))
        .collect(Collectors.joining("\n"));

    HttpResponse<String> stored = upload(lines + "\n");

    assertThat(stored.statusCode()).isEqualTo(202);
    JsonNode answer = json.readTree(stored.body());
    assertThat(answer.path("launch").path("accepted").asInt()).isEqualTo(1_098);
    assertThat(answer.path("launch").path("rejected").asInt()).isEqualTo(2);
    assertThat(answer.path("errors").findValuesAsText("line")).containsExactly("8", "901");
    assertThat(answer.path("errors").findValuesAsText("field")).containsExactly("contact.id", "(body)");
    JsonNode done = launchApplied(stored, Duration.ofMinutes(3));
    assertThat(done.path("started").asInt()).isEqualTo(1_098);
    assertThat(done.path("received").asInt()).isEqualTo(1_100);
    assertThat(done.path("pending").asInt()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(audience + "-%").count()).isEqualTo(1_098);
  }

  @Test
  void aResubmittedBatchStartsNothingTwiceAndSaysSo() throws Exception {
    String batch = IntStream.range(0, 3).mapToObj(i -> event(i, audience + "-evt-" + i))
        .collect(Collectors.joining(",", "{\"events\":[", "]}"));
    launchApplied(postJson("/api/events/batch", batch));

    JsonNode again = launchApplied(postJson("/api/events/batch", batch));

    assertThat(again.path("started").asInt()).isZero();
    assertThat(again.path("skipped").asInt()).isEqualTo(3);
    assertThat(again.path("skipReasons").path("event id already accepted").asInt()).isEqualTo(3);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(audience + "-%").count()).isEqualTo(3);
  }

  @Test
  void eventsThatStartNothingAreCountedWithTheirReason() throws Exception {
    String batch = "{\"events\":[" + event(0, null) + "," + event(0, null) + ","
        + "{\"name\":\"nobody.listens\",\"contact\":{\"id\":\"" + audience + "-x\"}}]}";

    JsonNode done = launchApplied(postJson("/api/events/batch", batch));

    assertThat(done.path("started").asInt()).isEqualTo(1);
    assertThat(done.path("skipped").asInt()).isEqualTo(2);
    assertThat(done.path("skipReasons").path("already in this journey").asInt()).isEqualTo(1);
    assertThat(done.path("skipReasons").path("no journey starts on nobody.listens").asInt()).isEqualTo(1);
  }

  @Test
  void anEventResumesTheJourneyThatAnEarlierEventOfTheSameBatchStarted() throws Exception {
    String batch = "{\"events\":[" + event(0, null) + ",{\"name\":\"order.placed\",\"contact\":{\"id\":\""
        + audience + "-0\"}}]}";

    JsonNode done = launchApplied(postJson("/api/events/batch", batch));

    assertThat(done.path("started").asInt()).isEqualTo(1);
    assertThat(done.path("resumed").asInt()).isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().activityId("Converted")
        .processInstanceId(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("cart-goal")
            .processInstanceBusinessKey(audience + "-0").singleResult().getId())
        .count()).isEqualTo(1);
  }

  @Test
  void aBatchWhoseEventFailsInItsSliceStillAppliesEveryOtherEventOnce(CapturedOutput log) throws Exception {
    String repeatedId = audience + "-evt";
    String batch = Stream.of(event(0, repeatedId), event(1, null), event(2, null), event(3, repeatedId),
        event(4, null)).collect(Collectors.joining(",", "{\"events\":[", "]}"));

    JsonNode done = launchApplied(postJson("/api/events/batch", batch));

    assertThat(done.path("failed").asInt()).isZero();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(audience + "-%").list())
        .extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder(audience + "-0", audience + "-1", audience + "-2", audience + "-4");
    assertThat(log.getAll()).as("the slice's conflict is expected, not an engine error").doesNotContain("ENGINE-16004");
  }

  @Test
  void aChunkTheDeadNodeWasApplyingIsAppliedByALiveOne() throws Exception {
    HttpResponse<String> stored = postJson("/api/events/batch",
        IntStream.range(0, 3).mapToObj(i -> event(i, null)).collect(Collectors.joining(",", "{\"events\":[", "]}")));
    String launch = json.readTree(stored.body()).path("launch").path("id").asText();
    // as if a node had claimed the chunk and died: its owner is a node whose heartbeat stopped long ago
    OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
    touchpointJdbc.sql("insert into tp_node (id, started_at, heartbeat_at) values (?, ?, ?)")
        .params("dead-" + launch, longAgo, longAgo).update();
    touchpointJdbc.sql("update tp_launch_chunk set state = 'RUNNING', owner_node = ?, claimed_at = ? where launch_id = ?")
        .params("dead-" + launch, longAgo, launch).update();

    JsonNode done = launchApplied(stored);

    assertThat(done.path("started").asInt()).isEqualTo(3);
  }

  @Test
  void aStoppingNodeHandsItsChunkBackAndTheChunkAppliedAgainStartsNothingTwice() throws Exception {
    HttpResponse<String> stored = postJson("/api/events/batch",
        IntStream.range(0, 500).mapToObj(i -> event(i, null)).collect(Collectors.joining(",", "{\"events\":[", "]}")));
    String launch = json.readTree(stored.body()).path("launch").path("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> journeysStarted() > 0);

    try {
      launchRunner.stop();
      long startedBeforeTheStop = journeysStarted();
      assertThat(startedBeforeTheStop).as("the chunk was stopped midway").isBetween(1L, 499L);
      assertThat(touchpointJdbc.sql("select state, owner_node from tp_launch_chunk where launch_id = ?").param(launch)
          .query((rs, row) -> rs.getString(1) + "/" + rs.getString(2)).single()).isEqualTo("PENDING/null");
      assertThat(journeysStarted()).as("nothing applied after the stop").isEqualTo(startedBeforeTheStop);
      JsonNode midway = json.readTree(callApi("GET", "/api/launches/" + launch).body());
      assertThat(midway.path("state").asText()).isEqualTo("running");
      assertThat(midway.path("started").asLong()).as("progress counted slice by slice").isEqualTo(startedBeforeTheStop);
      assertThat(midway.path("pending").asLong()).isEqualTo(500 - startedBeforeTheStop);
    } finally {
      launchRunner.start();
    }

    JsonNode done = launchApplied(stored);
    assertThat(done.path("started").asInt()).isEqualTo(500);
    assertThat(journeysStarted()).isEqualTo(500);
  }

  @Test
  void anUnknownLaunchIsNotFound() {
    HttpResponse<String> answer = callApi("GET", "/api/launches/nope");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void anUploadThatIsNotNdjsonIsRefusedAsUnsupported() {
    HttpResponse<String> answer = send("application/json", event(0, null));

    assertThat(answer.statusCode()).isEqualTo(415);
  }

  private long journeysStarted() {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(audience + "-%").count();
  }

  private String event(int i, String id) {
    return "{\"name\":\"cart.abandoned\"" + (id == null ? "" : ",\"id\":\"" + id + "\"")
        + ",\"contact\":{\"id\":\"" + audience + "-" + i + "\"}}";
  }

  private HttpResponse<String> upload(String ndjson) {
    return send("application/x-ndjson", ndjson);
  }

  private HttpResponse<String> send(String contentType, String body) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/api/launches")).header("Content-Type", contentType).header("Authorization", "Bearer test-key")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
