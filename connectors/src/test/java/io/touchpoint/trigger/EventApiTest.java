package io.touchpoint.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.testapp.JourneyTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/events}: business events start journeys, resume waiting ones, and bad input is named. */
class EventApiTest extends JourneyTest {

  final ObjectMapper json = new ObjectMapper();
  String contact;

  @BeforeEach
  void journeysAreDeployed() {
    deploy("samples/signup-welcome.bpmn", "bpmn/signup-second-journey.bpmn", "bpmn/cart-goal.bpmn");
    contact = "u-" + UUID.randomUUID();
  }

  @Test
  void signupStartsEveryJourneyListeningToItWithTheContactAsBusinessKey() throws Exception {
    HttpResponse<String> response = sendEvent(signupEvent("evt-" + contact, contact, "+15551239999", "Ana"));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("started").findValuesAsText("journey"))
        .containsExactlyInAnyOrder("signup-welcome", "signup-crm-sync");
    ProcessInstance welcome = instanceOf("signup-welcome", contact);
    assertThat(welcome).variables().containsEntry("firstName", "Ana").containsEntry("phone", "+15551239999")
        .containsEntry("contactId", contact);
  }

  @Test
  void sameEventIdTwiceStartsNothingNewAndAnswersTheSame() {
    String event = signupEvent("evt-twice-" + contact, contact, "+15551239999", "Ana");
    HttpResponse<String> first = sendEvent(event);
    HttpResponse<String> second = sendEvent(event);

    assertThat(second.statusCode()).isEqualTo(202);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isEqualTo(2);
  }

  @Test
  void sameEventSentConcurrentlyStartsItsJourneysOnceAndAnswersAllAlike() {
    String event = signupEvent("evt-race-" + contact, contact, "+15551239999", "Ana");

    List<HttpResponse<String>> answers = concurrently(6, () -> sendEvent(event));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isEqualTo(2);
  }

  @Test
  void differentEventsForOneContactAtOnceStartTheJourneyOnce() {
    AtomicInteger ids = new AtomicInteger();

    List<HttpResponse<String>> answers = concurrently(6,
        () -> sendEvent(signupEvent("evt-" + ids.incrementAndGet() + "-" + contact, contact, "+15551239999", "Ana")));

    assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(202));
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("signup-welcome")
        .processInstanceBusinessKey(contact).count()).isEqualTo(1);
  }

  @Test
  void secondSignupWhileTheJourneyRunsIsSkippedWithTheReason() throws Exception {
    sendEvent(signupEvent("evt-a-" + contact, contact, "+15551239999", "Ana"));

    JsonNode again = json.readTree(sendEvent(signupEvent("evt-b-" + contact, contact, "+15551239999", "Ana")).body());

    assertThat(again.path("started")).isEmpty();
    assertThat(again.path("skipped").findValuesAsText("reason"))
        .containsExactlyInAnyOrder("already in this journey", "already entered once");
  }

  @Test
  void aSuspendedJourneyStopsStartingAtOnceAndStartsAgainOnceActivated() throws Exception {
    sendEvent(signupEvent("evt-before-" + contact, contact, "+15551239999", "Ana"));
    repositoryService.suspendProcessDefinitionByKey("signup-crm-sync");
    try {
      HttpResponse<String> whileSuspended = sendEvent(signupEvent("evt-while-" + contact, contact + "-2",
          "+15551239998", "Ben"));
      assertThat(json.readTree(whileSuspended.body()).path("started").findValuesAsText("journey"))
          .containsExactly("signup-welcome");
    } finally {
      repositoryService.activateProcessDefinitionByKey("signup-crm-sync");
    }

    HttpResponse<String> activated = sendEvent(signupEvent("evt-after-" + contact, contact + "-3", "+15551239997",
        "Cy"));
    assertThat(json.readTree(activated.body()).path("started").findValuesAsText("journey"))
        .containsExactlyInAnyOrder("signup-welcome", "signup-crm-sync");
  }

  @Test
  void businessEventResumesTheContactsJourneyWaitingForIt() throws Exception {
    sendEvent("""
        {"name":"cart.abandoned","id":"cart-%1$s","contact":{"id":"%1$s"},"data":{"cartUrl":"https://shop.test/c/1","items":[{"sku":"A1"}]}}"""
        .formatted(contact));
    ProcessInstance cart = instanceOf("cart-goal", contact);
    assertThat(cart).isWaitingAt("WaitForOrder").variables().containsEntry("cartUrl", "https://shop.test/c/1")
        .containsEntry("items", "[{\"sku\":\"A1\"}]");

    HttpResponse<String> order = sendEvent("""
        {"name":"order.placed","id":"order-%1$s","contact":{"id":"%1$s"},"data":{"orderId":"o-7"}}""".formatted(contact));

    assertThat(json.readTree(order.body()).path("resumed").get(0).asText()).isEqualTo(cart.getId());
    assertThat(cart).hasPassed("OrderPlaced", "Converted").isEnded();
  }

  @Test
  void businessEventForAnotherContactResumesNothing() {
    sendEvent("""
        {"name":"cart.abandoned","contact":{"id":"%s"}}""".formatted(contact));
    ProcessInstance cart = instanceOf("cart-goal", contact);

    sendEvent("""
        {"name":"order.placed","contact":{"id":"someone-else-%s"}}""".formatted(contact));

    assertThat(cart).isWaitingAt("WaitForOrder");
  }

  @Test
  void batchStartsOneJourneyPerEvent() throws Exception {
    HttpResponse<String> response = postJson("/api/events/batch", """
        {"events":[
          {"name":"cart.abandoned","contact":{"id":"%1$s-1"}},
          {"name":"cart.abandoned","contact":{"id":"%1$s-2"}},
          {"name":"cart.abandoned","contact":{"id":"%1$s-3"}}]}""".formatted(contact));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json.readTree(response.body()).path("launch").path("accepted").asInt()).isEqualTo(3);
    assertThat(launchApplied(response).path("started").asInt()).isEqualTo(3);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(contact + "-%").count()).isEqualTo(3);
  }

  @Test
  void eventStartingMoreJourneysThanItsAnswerCanKeepWholeStartsThemAllAndARepeatAnswersShortened() throws Exception {
    String event = "crowd." + UUID.randomUUID().toString().substring(0, 8);
    var deployment = repositoryService.createDeployment();
    for (int i = 0; i < 40; i++) {
      // long keys, as generated campaign variants have: 40 of them make an answer of about 10 000 characters
      String key = "crowd-" + event.substring(6) + "-variant-" + i + "-" + "x".repeat(180);
      deployment.addString(key + ".bpmn", """
          <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
              xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://touchpoint.io/test">
            <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
              <bpmn:startEvent id="Started"><bpmn:extensionElements><camunda:properties>
                <camunda:property name="touchpoint.event" value="%s" />
              </camunda:properties></bpmn:extensionElements></bpmn:startEvent>
              <bpmn:sequenceFlow id="f1" sourceRef="Started" targetRef="Done" />
              <bpmn:endEvent id="Done" />
            </bpmn:process>
          </bpmn:definitions>""".formatted(key, event));
    }
    deployment.deploy();
    String body = """
        {"name":"%s","id":"evt-crowd-%s","contact":{"id":"%s"}}""".formatted(event, contact, contact);

    HttpResponse<String> first = sendEvent(body);
    HttpResponse<String> repeat = sendEvent(body);

    assertThat(first.statusCode()).isEqualTo(202);
    JsonNode whole = json.readTree(first.body());
    assertThat(whole.path("started")).hasSize(40);
    assertThat(whole.has("omitted")).isFalse();
    assertThat(repeat.statusCode()).isEqualTo(202);
    JsonNode shortened = json.readTree(repeat.body());
    assertThat(shortened.path("eventId").asText()).isEqualTo("evt-crowd-" + contact);
    assertThat(shortened.path("started").size()).isBetween(1, 39);
    assertThat(shortened.path("started").get(0)).isEqualTo(whole.path("started").get(0));
    assertThat(shortened.path("omitted").path("started").asInt()).isEqualTo(40 - shortened.path("started").size());
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(contact).count())
        .as("the repeat started nothing").isEqualTo(40);
  }

  @ParameterizedTest(name = "{0} is refused naming {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"name\":\"user.signup\",\"contact\":{}}                                      | contact.id",
      "{\"name\":\"user.signup\"}                                                      | contact",
      "{\"contact\":{\"id\":\"x\"}}                                                    | name",
      "{\"name\":\"user signup!\",\"contact\":{\"id\":\"x\"}}                           | name",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\",\"phone\":\"555-1234\"}}       | contact.phone",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\",\"phone\":15551234567}}        | contact.phone",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\",\"email\":\"not-an-email\"}}   | contact.email",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\",\"timezone\":\"Mars/Base\"}}  | contact.timezone",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\",\"nickname\":\"Al\"}}         | contact.nickname",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\"},\"data\":[1,2]}                | data",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\"}                                | (body)",
      "''                                                                                  | (body)",
      "null                                                                                | (body)",
      "{\"name\":\"user.signup\",\"contact\":{\"id\":\"x\"}} {}                           | (body)",
  })
  void badEventIsRefusedAsProblemJsonNamingTheField(String body, String field) throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();

    HttpResponse<String> response = sendEvent(body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field")).contains(field);
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void badEventsInABatchAreNamedByTheirPositionAndTheGoodOnesStart() throws Exception {
    HttpResponse<String> response = postJson("/api/events/batch", """
        {"events":[
          {"name":"cart.abandoned","contact":{"id":"%1$s-0"}},
          {"name":"cart.abandoned","contact":{}},
          {"name":"cart.abandoned","contact":{"id":"%1$s-2"}},
          {"name":"cart.abandoned","contact":{"id":"%1$s-3","phone":"555-1234"}},
          42,
          {"name":"cart.abandoned","contact":{"id":"%1$s-5","firstName":"%2$s"}},
          {"name":"cart.abandoned","contact":{"id":"%1$s-6"},"data":{"note":"%3$s"}}]}"""
        .formatted(contact, "x".repeat(201), "x".repeat(4001)));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("launch").path("accepted").asInt()).isEqualTo(2);
    assertThat(body.path("launch").path("rejected").asInt()).isEqualTo(5);
    assertThat(launchApplied(response).path("started").asInt()).isEqualTo(2);
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("events[1].contact.id",
        "events[3].contact.phone", "events[4]", "events[5].contact.firstName", "events[6].data[note]");
    assertThat(body.path("errors").findValuesAsText("index")).containsExactly("1", "3", "4", "5", "6");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(contact + "-%").list()).extracting(ProcessInstance::getBusinessKey)
        .containsExactlyInAnyOrder(contact + "-0", contact + "-2");
  }

  @ParameterizedTest(name = "{0} is refused whole")
  @CsvSource(delimiter = '|', value = {
      "{\"events\":[]}                                       | events",
      "{\"events\":{}}                                       | events",
      "{}                                                       | events",
      "{\"events\":[{\"name\":\"a\",\"contact\":{\"id\":\"x\"}}],\"more\":1} | more",
      "[]                                                       | (body)",
      "{\"events\":[                                          | (body)",
  })
  void aBatchThatIsNotABatchIsRefusedWhole(String body, String field) throws Exception {
    HttpResponse<String> response = postJson("/api/events/batch", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field")).contains(field);
  }

  @Test
  void aBatchOfMoreThanTenThousandEventsIsRefusedWhole() throws Exception {
    String event = "{\"name\":\"cart.abandoned\",\"contact\":{\"id\":\"%s\"}},".formatted(contact);
    String body = "{\"events\":[" + event.repeat(10_001).replaceAll(",$", "") + "]}";

    HttpResponse<String> response = postJson("/api/events/batch", body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("must hold 1 to 10000 elements");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIsRefusedAsUnsupportedNotAServerError() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
            .header("Content-Type", "text/plain").header("Authorization", "Bearer test-key")
            .POST(HttpRequest.BodyPublishers.ofString("name=user.signup")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void callsThatReachNoEndpointOfTheApiAreAnsweredAsProblemJsonNamingWhatTheyMissed() throws Exception {
    assertProblem(callApi("GET", "/api/evnets"), 404, "Touchpoint's API has no /api/evnets");
    assertProblem(callApi("DELETE", "/api/events"), 405, "/api/events does not take DELETE; it takes POST");

    // the application's own paths keep the application's error shape
    assertThat(callApi("GET", "/not-touchpoint").headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).doesNotStartWith("application/problem+json"));
  }

  private void assertProblem(HttpResponse<String> response, int status, String detail) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(json.readTree(response.body()).path("detail").asText()).isEqualTo(detail);
  }

  private static <T> List<T> concurrently(int callers, Supplier<T> call) {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<CompletableFuture<T>> calls = IntStream.range(0, callers)
          .mapToObj(i -> CompletableFuture.supplyAsync(call, pool)).toList();
      return calls.stream().map(CompletableFuture::join).toList();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void eventWithoutApiKeyIsUnauthorized() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer wrong-key")
            .POST(HttpRequest.BodyPublishers.ofString(signupEvent("e", contact, "+15551239999", "Ana"))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isZero();
  }
}
