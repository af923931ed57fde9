package io.touchpoint.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every field has a maximum checked where it comes in, so what is accepted is stored whole — in the engine's
 * columns (4 000-character string variables, 255-character business keys and message names) and the ledger's —
 * and what does not fit is a 4xx naming the field, never a 500, a rolled-back send resent on every retry, or a
 * spoiled batch. Run on H2 and on PostgreSQL, whose column checks differ.
 */
abstract class InputLimitsContract extends JourneyTest {

  static final String FCM_SEND_PATH = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";

  final ObjectMapper json = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  String contact;

  @Autowired
  ConsentRegistry consent;

  @BeforeEach
  void newContact() {
    contact = "limits-" + UUID.randomUUID();
  }

  // ---- the event API

  @Test
  void theLongestEventAcceptedStartsItsJourneyAndItsLongestBusinessEventResumesIt() throws Exception {
    String startName = "s." + "a".repeat(98);
    String orderName = "o." + "b".repeat(98);
    repositoryService.createDeployment().addString("cart-limits.bpmn", resource("/bpmn/cart-goal.bpmn")
        .replace("id=\"cart-goal\"", "id=\"cart-limits\"")
        .replace("value=\"cart.abandoned\"", "value=\"" + startName + "\"")
        .replace("value=\"order.placed\"", "value=\"" + orderName + "\"")).deploy();
    String longContact = contact + "-" + "c".repeat(128 - contact.length() - 1);
    String tokens = IntStream.range(0, 12).mapToObj(i -> (char) ('a' + i) + "t".repeat(319))
        .collect(Collectors.joining(","));
    Map<String, Object> data = new LinkedHashMap<>();
    IntStream.range(0, 98).forEach(i -> data.put("k" + i, i));
    data.put("note", "n".repeat(4000));
    data.put("items", List.of("i".repeat(3996)));
    Map<String, Object> event = Map.of("name", startName, "id", "e".repeat(200),
        "contact", Map.of("id", longContact, "firstName", "f".repeat(200), "lastName", "l".repeat(200),
            "locale", "x".repeat(35), "pushToken", tokens),
        "data", data);

    HttpResponse<String> started = sendEvent(json.writeValueAsString(event));

    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    ProcessInstance cart = instanceOf("cart-limits", longContact);
    assertThat(cart).isWaitingAt("WaitForOrder").variables().containsEntry("pushToken", tokens)
        .containsEntry("note", "n".repeat(4000)).containsEntry("items", "[\"" + "i".repeat(3996) + "\"]");

    HttpResponse<String> order = sendEvent(json.writeValueAsString(Map.of("name", orderName,
        "contact", Map.of("id", longContact))));

    assertThat(json.readTree(order.body()).path("resumed").get(0).asText()).isEqualTo(cart.getId());
    assertThat(cart).hasPassed("OrderPlaced", "Converted").isEnded();
  }

  static Stream<Arguments> fieldsOverTheirLimit() {
    String many = IntStream.range(0, 20).mapToObj(i -> "d" + i + "x".repeat(197)).collect(Collectors.joining(","));
    String devices = IntStream.range(0, 51).mapToObj(i -> "device-" + i).collect(Collectors.joining(","));
    String entries = IntStream.range(0, 101).mapToObj(i -> "\"k" + i + "\":" + i).collect(Collectors.joining(","));
    return Stream.of(
        Arguments.of("{'name':'" + "n".repeat(101) + "','contact':{'id':'x'}}", "name", "100"),
        Arguments.of("{'name':'a','id':'" + "i".repeat(201) + "','contact':{'id':'x'}}", "id", "200"),
        Arguments.of("{'name':'a','contact':{'id':'" + "c".repeat(129) + "'}}", "contact.id", "128"),
        Arguments.of("{'name':'a','contact':{'id':'x','firstName':'" + "f".repeat(201) + "'}}", "contact.firstName", "200"),
        Arguments.of("{'name':'a','contact':{'id':'x','lastName':'" + "l".repeat(201) + "'}}", "contact.lastName", "200"),
        Arguments.of("{'name':'a','contact':{'id':'x','locale':'" + "l".repeat(36) + "'}}", "contact.locale", "35"),
        Arguments.of("{'name':'a','contact':{'id':'x','email':'" + "e".repeat(320) + "@example.com'}}", "contact.email", "320"),
        Arguments.of("{'name':'a','contact':{'id':'x','pushToken':'" + many + "'}}", "contact.pushToken", "4000"),
        Arguments.of("{'name':'a','contact':{'id':'x','pushToken':'" + "t".repeat(321) + "'}}", "contact.pushToken", "320"),
        Arguments.of("{'name':'a','contact':{'id':'x','pushToken':'" + devices + "'}}", "contact.pushToken", "50"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'note':'" + "n".repeat(4001) + "'}}", "data[note]", "4000"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'items':['" + "i".repeat(3997) + "']}}", "data[items]", "4000"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'" + "k".repeat(256) + "':1}}", "data[" + "k".repeat(256) + "]", "255"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{" + entries + "}}", "data", "100"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'touchpoint.delivery.SendSms':'forged'}}",
            "data[touchpoint.delivery.SendSms]", "touchpoint."),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'count':123456789012345678901234567890}}", "data[count]", "2^63"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'ratio':1e999}}", "data[ratio]", "finite"),
        Arguments.of("{'name':'a','contact':{'id':'x','firstName':'A\\u0000na'}}", "contact.firstName", "NUL"),
        Arguments.of("{'name':'a','contact':{'id':'x'},'data':{'a\\u0000b':1}}", "data", "NUL"));
  }

  @ParameterizedTest(name = "[{index}] {1} over {2}")
  @MethodSource("fieldsOverTheirLimit")
  void aFieldOverItsLimitIsRefusedNamingTheFieldAndTheLimit(String body, String field, String limit) throws Exception {
    long before = runtimeService.createProcessInstanceQuery().count();

    HttpResponse<String> response = sendEvent(body.replace('\'', '"'));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode errors = json.readTree(response.body()).path("errors");
    assertThat(errors.findValuesAsText("field")).contains(field);
    assertThat(errors.findValuesAsText("problem")).anySatisfy(problem -> assertThat(problem).contains(limit));
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aBatchWhoseEventsOverflowTheColumnsStartsTheOthersAndNamesTheseByPosition() throws Exception {
    deploy("bpmn/cart-goal.bpmn");
    String events = IntStream.range(0, 6).mapToObj(i -> i % 2 == 0
            ? "{'name':'cart.abandoned','contact':{'id':'%s-%d'}}".formatted(contact, i)
            : "{'name':'cart.abandoned','contact':{'id':'%s-%d','firstName':'%s'},'data':{'note':'%s'}}"
                .formatted(contact, i, "f".repeat(300), "n".repeat(5000)))
        .collect(Collectors.joining(","));

    HttpResponse<String> response = postJson("/api/events/batch", ("{'events':[" + events + "]}").replace('\'', '"'));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("launch").path("accepted").asInt()).isEqualTo(3);
    launchApplied(response);
    assertThat(body.path("errors").findValuesAsText("field")).containsExactly("events[1].contact.firstName",
        "events[1].data[note]", "events[3].contact.firstName", "events[3].data[note]", "events[5].contact.firstName",
        "events[5].data[note]");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("cart-goal")
        .processInstanceBusinessKeyLike(contact + "-%").count()).isEqualTo(3);
  }

  @Test
  void anEventDeclaredOverTheBodyLimitIsRefusedWith413BeforeItIsSent() throws Exception {
    // a client announcing 20 MB and sending the first bytes: the answer comes without waiting for the rest
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer test-key\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + 20 * 1024 * 1024 + "\r\n\r\n"
          + "{\"name\":\"user.signup\",\"contact\":{\"id\":\"" + contact + "\"},\"data\":{\"blob\":\"xxxx")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

      assertThat(in.readLine()).isEqualTo("HTTP/1.1 413 ");
      List<String> head = in.lines().takeWhile(line -> !line.isEmpty()).toList();
      assertThat(head).anySatisfy(line -> assertThat(line).startsWithIgnoringCase("Content-Type: application/problem+json"));
    }
  }

  @Test
  void anEventOverTheBodyLimitIsRefusedWith413NamingTheSetting() throws Exception {
    String tooLarge = "{\"name\":\"user.signup\",\"contact\":{\"id\":\"" + contact + "\"},\"data\":{\"blob\":\""
        + "x".repeat(1024 * 1024) + "\"}}";

    HttpResponse<String> response = postEvent(HttpRequest.BodyPublishers.ofString(tooLarge));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("touchpoint.api.max-body-size");
  }

  @Test
  void aChunkedEventOverTheBodyLimitIsRefusedWith413OnceItPassesTheLimit() throws Exception {
    byte[] body = ("{\"name\":\"user.signup\",\"contact\":{\"id\":\"" + contact + "\"},\"data\":{\"blob\":\""
        + "x".repeat(1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = postEvent(HttpRequest.BodyPublishers.ofInputStream(
        () -> new ByteArrayInputStream(body)));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isZero();
  }

  // ---- Twilio's callbacks (signed: only Twilio, or whoever holds the auth token, gets this far)

  @Test
  void aSignedStatusCallbackWithFieldsLongerThanTheirColumnsIsRefusedNamingThem() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SM" + "0".repeat(120));
    form.put("MessageStatus", "delivered");
    form.put("ErrorCode", "3".repeat(60));

    HttpResponse<String> response = postSignedForm("/callbacks/twilio/status", form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field"))
        .containsExactly("MessageSid", "ErrorCode");
  }

  @Test
  void aSignedInboundMessageWithTheNulCharacterInItsSenderIsRefusedNotAServerError() throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SMIN" + UUID.randomUUID().toString().replace("-", ""));
    form.put("From", "+1555\u00000001");
    form.put("Body", "hi");

    assertThat(postSignedForm("/callbacks/twilio/inbound", form).statusCode()).isEqualTo(400);
  }

  @Test
  void aLongInboundMessageIsKeptCutToItsColumn() {
    String from = "whatsapp:+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));

    HttpResponse<String> answer = contactAnswersOnWhatsApp(from, "w".repeat(4096) + "\u0000", null, "p".repeat(1200));

    assertThat(answer.statusCode()).isEqualTo(200);
    Map<String, Object> stored = touchpointJdbc.sql("select body, payload from tp_inbound_message where sender = ?")
        .param(from).query().singleRow();
    assertThat((String) stored.get("body")).isEqualTo("w".repeat(4000));
    assertThat((String) stored.get("payload")).hasSize(1000);
  }

  @Test
  void aStopWithMorePunctuationThanTheKeywordColumnHoldsStillOptsOut() {
    String from = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));

    assertThat(contactTexts(from, "STOP" + "!".repeat(60)).statusCode()).isEqualTo(200);

    assertThat(consent.isOptedOut(Channel.SMS, from)).isTrue();
  }

  @Test
  void callbacksInAnotherFormatThanAFormAreRefusedNotAServerError() throws Exception {
    HttpResponse<String> notAForm = http.send(HttpRequest.newBuilder(local("/callbacks/twilio/status"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"MessageSid\":1}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> garbage = http.send(HttpRequest.newBuilder(local("/callbacks/twilio/inbound"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'%', 'z', 'z', '=', '&', '=', (byte) 0xff, 0, '%'}))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertThat(notAForm.statusCode()).isEqualTo(415);
    assertThat(garbage.statusCode()).isEqualTo(403);
  }

  // ---- the ledger keeps what it accepted

  @Test
  void aPushToFifteenDevicesIsLedgeredOnceAndNoDeviceIsNotifiedTwice() {
    deploy("bpmn/push-reminder.bpmn");
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(FCM_SEND_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
    List<String> devices = IntStream.range(0, 15).mapToObj(i -> "device-" + UUID.randomUUID() + "-" + i).toList();
    assertThat(sendEvent("""
        {"name":"test.push","contact":{"id":"%s","pushToken":"%s","firstName":"Ana"}}"""
        .formatted(contact, String.join(",", devices))).statusCode()).isEqualTo(202);
    ProcessInstance reminder = instanceOf("push-reminder", contact);

    runDueJobs(reminder);
    timePasses(Duration.ofHours(1), reminder);

    Delivery send = deliveryOf(reminder, "Remind");
    assertThat(send.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(send.recipient()).isEqualTo("15 devices");
    assertThat(ledger.parts(send.id())).extracting(Delivery::recipient).containsExactlyInAnyOrderElementsOf(devices);
    devices.forEach(device -> TWILIO.verify(1, postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(device)))));
    assertThat(reminder).isWaitingAt("Outcome");
  }

  // ---- tracking links and analytics parameters

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET /t/o/garbage", "GET /t/o/a.b", "GET /t/c/%00", "GET /t/c/..%2F..%2Fetc",
      "GET /t/u/x.y", "POST /t/u/x.y", "POST /t/r/x.y?event=clicked", "POST /t/r/x.y", "POST /t/r/x.y?event=%00",
      "GET /t/c/LONG"})
  void malformedTrackingRequestsAreRefusedNeverAServerError(String request) throws Exception {
    String[] parts = request.split(" ");
    String path = parts[1].replace("LONG", "A".repeat(6000) + "." + "B".repeat(100));

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(local(path))
        .method(parts[0], HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(request).isBetween(400, 499);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"from=-999999999-01-01T00:00:00Z", "to=%2B999999999-12-31T00:00:00Z",
      "from=1969-12-31T23:59:59Z", "version=99999999999", "from=LONG", "machineOpens=LONG"})
  void analyticsParametersOutOfRangeAreRefusedNamingThem(String parameter) throws Exception {
    deploy("bpmn/cart-goal.bpmn");
    String query = parameter.replace("LONG", "9".repeat(5000));

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(local("/api/analytics/journeys/cart-goal?" + query))
        .header("Authorization", "Bearer test-key").GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("errors").findValuesAsText("field"))
        .containsExactly(parameter.substring(0, parameter.indexOf('=')));
    assertThat(response.body()).hasSizeLessThan(2000);
  }

  private HttpResponse<String> postEvent(HttpRequest.BodyPublisher body) throws Exception {
    return http.send(HttpRequest.newBuilder(local("/api/events")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer test-key").POST(body).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI local(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String resource(String name) {
    try (InputStream in = InputLimitsContract.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
