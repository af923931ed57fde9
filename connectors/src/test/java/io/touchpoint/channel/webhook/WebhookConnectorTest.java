package io.touchpoint.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.touchpoint.channel.InvalidChannelInputException;
import java.net.ServerSocket;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook task on a real engine against WireMock. */
class WebhookConnectorTest {

  static WireMockServer server;
  static WebhookEngine engine;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    engine = new WebhookEngine();
  }

  @AfterAll
  static void stop() {
    engine.close();
    server.stop();
  }

  @BeforeEach
  void reset() {
    server.resetAll();
    engine.allow("127.0.0.1", "localhost");
  }

  static String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
  void everyMethodReachesTheServer(String method) {
    server.stubFor(any(urlEqualTo("/hook")).willReturn(aResponse().withStatus(200).withBody("ok")));

    ProcessInstance instance = engine.start(method, url("/hook"), "bpmn-error",
        Map.of("body", "{\"method\":\"" + method + "\"}"), Map.of());
    engine.runJob(instance);

    var sent = requestedFor(method, urlEqualTo("/hook"));
    if (!method.equals("GET")) {
      sent = sent.withRequestBody(equalToJson("{\"method\":\"" + method + "\"}"))
          .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"));
    }
    server.verify(1, sent);
    assertThat(engine.waitingIn(instance)).isEqualTo("after");
    assertThat(engine.variables(instance)).containsEntry("webhookStatus", 200).containsEntry("webhookBody", "ok")
        .containsEntry("webhookError", null);
  }

  @Test
  void urlHeadersAndBodyAreFreeMarkerOverProcessVariables() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));

    ProcessInstance instance = engine.start("POST", url("/orders/${orderId?c}"), "bpmn-error", Map.of(
            "headers", "X-Order: ${orderId?c}\n\nContent-Type: application/vnd.crm+json\nX-Name: ${firstName?upper_case}",
            "body", "{\"name\":\"${firstName}\",\"order\":${orderId?c},\"vip\":<#if vip>true<#else>false</#if>}"),
        Map.of("orderId", 4711, "firstName", "Ada", "vip", true));
    engine.runJob(instance);

    server.verify(1, postRequestedFor(urlEqualTo("/orders/4711"))
        .withHeader("X-Order", equalTo("4711"))
        .withHeader("X-Name", equalTo("ADA"))
        .withHeader("Content-Type", equalTo("application/vnd.crm+json"))
        .withRequestBody(equalToJson("{\"name\":\"Ada\",\"order\":4711,\"vip\":true}")));
    assertThat(engine.variables(instance)).containsEntry("webhookStatus", 204).containsEntry("webhookBody", "");
  }

  @Test
  void statusHeadersAndSelectedJsonFieldsBecomeVariables() {
    server.stubFor(any(urlEqualTo("/contacts")).willReturn(aResponse().withStatus(201)
        .withHeader("X-Request-Id", "req-1").withHeader("Content-Type", "application/json")
        .withBody("{\"data\":{\"id\":\"crm-42\",\"score\":7,\"big\":12345678901,\"ratio\":0.5,\"vip\":true,"
            + "\"tags\":[\"a\",\"b\"]}}")));

    ProcessInstance instance = engine.start("POST", url("/contacts"), "bpmn-error", Map.of(
        "body", "{}", "resultVariable", "crm",
        "responseFields", "crmId=/data/id\nscore = /data/score\nbig=/data/big\nratio=/data/ratio\n"
            + "vip=/data/vip\ntags=/data/tags\nmissing=/data/nothing"), Map.of());
    engine.runJob(instance);

    Map<String, Object> variables = engine.variables(instance);
    assertThat(variables).containsEntry("crmStatus", 201).containsEntry("crmId", "crm-42")
        .containsEntry("score", 7).containsEntry("big", 12345678901L).containsEntry("ratio", 0.5)
        .containsEntry("vip", true).containsEntry("tags", "[\"a\",\"b\"]").containsEntry("missing", null)
        .containsEntry("crmError", null);
    assertThat((String) variables.get("crmHeaders")).contains("\"x-request-id\":\"req-1\"")
        .contains("\"content-type\":\"application/json\"");
    assertThat((String) variables.get("crmBody")).contains("crm-42");
  }

  @Test
  void aLongBodyIsCutToFitAStringVariable() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x".repeat(100_000))));

    ProcessInstance instance = engine.start("GET", url("/big"), "bpmn-error", Map.of(), Map.of());
    engine.runJob(instance);

    assertThat((String) engine.variables(instance).get("webhookBody")).hasSize(WebhookVariables.MAX_TEXT_CHARS);
  }

  @Test
  void longHeadersAndResponseFieldsAreCutToFitStringVariablesInsteadOfFailingTheJob() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withHeader("X-Small", "kept")
        .withHeader("X-Tracking", "t".repeat(5000)).withHeader("Content-Type", "application/json")
        .withBody("{\"note\":\"" + "n".repeat(5000) + "\",\"items\":[\"" + "i".repeat(5000) + "\"]}")));

    ProcessInstance instance = engine.start("GET", url("/big"), "bpmn-error",
        Map.of("responseFields", "note=/note\nitems=/items"), Map.of());
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("after");
    Map<String, Object> variables = engine.variables(instance);
    assertThat((String) variables.get("webhookHeaders")).contains("\"x-small\":\"kept\"").doesNotContain("x-tracking")
        .hasSizeLessThanOrEqualTo(WebhookVariables.MAX_TEXT_CHARS);
    assertThat((String) variables.get("note")).hasSize(WebhookVariables.MAX_TEXT_CHARS);
    assertThat((String) variables.get("items")).hasSize(WebhookVariables.MAX_TEXT_CHARS);
  }

  @Test
  void aSlowServerTimesOutAtTheElementsTimeout() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(3000).withBody("late")));

    ProcessInstance instance = engine.start("GET", url("/slow"), "continue", Map.of("timeout", "PT0.5S"), Map.of());
    long started = System.nanoTime();
    engine.runJob(instance);
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(elapsedMillis).isLessThan(2500);
    assertThat(engine.waitingIn(instance)).isEqualTo("after");
    assertThat(engine.variables(instance)).containsEntry("webhookStatus", 0)
        .containsEntry("webhookError", WebhookConnector.WEBHOOK_TIMEOUT);
  }

  @Test
  void aTricklingServerIsCutOffAtTheDeadline() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x".repeat(2000)).withChunkedDribbleDelay(20, 3000)));

    ProcessInstance instance = engine.start("GET", url("/trickle"), "continue", Map.of("timeout", "PT1S"), Map.of());
    long started = System.nanoTime();
    engine.runJob(instance);

    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2500);
    assertThat(engine.variables(instance)).containsEntry("webhookError", WebhookConnector.WEBHOOK_TIMEOUT);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"404, WEBHOOK_4XX", "422, WEBHOOK_4XX", "500, WEBHOOK_5XX", "503, WEBHOOK_5XX"})
  void bpmnErrorModeRaisesTheDocumentedCodeForABoundaryEvent(int status, String code) {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
        .withBody("{\"error\":{\"reason\":\"nope\"}}")));

    ProcessInstance instance = engine.start("POST", url("/fail"), "bpmn-error",
        Map.of("body", "{}", "responseFields", "reason=/error/reason"), Map.of());
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("handle");
    assertThat(engine.variables(instance)).containsEntry("errorCode", code).containsEntry("webhookStatus", status)
        .containsEntry("webhookError", code).containsEntry("reason", "nope");
    assertThat((String) engine.variables(instance).get("errorMessage")).contains("POST " + url("/fail"))
        .contains("answered " + status);
  }

  @Test
  void bpmnErrorModeRaisesTimeout() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(2000)));

    ProcessInstance instance = engine.start("GET", url("/slow"), "bpmn-error", Map.of("timeout", "PT0.3S"), Map.of());
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("handle");
    assertThat(engine.variables(instance)).containsEntry("errorCode", WebhookConnector.WEBHOOK_TIMEOUT)
        .containsEntry("webhookStatus", 0);
  }

  @Test
  void bpmnErrorModeRaisesUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProcessInstance instance = engine.start("GET", "http://127.0.0.1:" + closedPort + "/", "bpmn-error", Map.of(),
        Map.of());
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("handle");
    assertThat(engine.variables(instance)).containsEntry("errorCode", WebhookConnector.WEBHOOK_UNREACHABLE);
  }

  @Test
  void aDroppedConnectionIsUnreachable() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    ProcessInstance instance = engine.start("GET", url("/reset"), "continue", Map.of(), Map.of());
    engine.runJob(instance);

    assertThat(engine.variables(instance)).containsEntry("webhookError", WebhookConnector.WEBHOOK_UNREACHABLE)
        .containsEntry("webhookStatus", 0);
  }

  @Test
  void retryModeFailsTheJobSoTheExecutorRetriesItThenAnIncident() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));

    ProcessInstance instance = engine.start("POST", url("/flaky"), "retry", Map.of("body", "{}"), Map.of());
    for (int attempt = 3; attempt > 0; attempt--) {
      assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(WebhookCallException.class)
          .hasMessageStartingWith("WEBHOOK_5XX POST " + url("/flaky") + " answered 503");
      assertThat(engine.job(instance).getRetries()).isEqualTo(attempt - 1);
    }
    assertThat(engine.engine.getRuntimeService().createIncidentQuery().processInstanceId(instance.getId()).count())
        .isEqualTo(1);
    assertThat(engine.variables(instance)).doesNotContainKey("webhookStatus");
    server.verify(3, postRequestedFor(urlEqualTo("/flaky")));
  }

  @Test
  void everyAttemptIsRecordedForAnalyticsWithItsStatusAndErrorCode() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502)));
    ProcessInstance instance = engine.start("GET", url("/flaky"), "retry", Map.of(), Map.of());
    engine.calls.clear();
    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(WebhookCallException.class);

    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
    engine.runJob(instance);

    assertThat(engine.calls).containsExactly("502 " + WebhookConnector.WEBHOOK_5XX, "201 null");
  }

  @Test
  void retryModeSucceedsWhenTheServerRecovers() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    ProcessInstance instance = engine.start("GET", url("/flaky"), "retry", Map.of(), Map.of());
    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(WebhookCallException.class);

    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("after");
    assertThat(engine.variables(instance)).containsEntry("webhookStatus", 200);
  }

  @Test
  void retryModeTimeoutFailsTheJob() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(2000)));
    ProcessInstance instance = engine.start("GET", url("/slow"), "retry", Map.of("timeout", "PT0.3S"), Map.of());

    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(WebhookCallException.class)
        .hasMessageStartingWith("WEBHOOK_TIMEOUT");
  }

  @Test
  void continueModeRecordsTheFailureAndGoesOn() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"down\"}")));

    ProcessInstance instance = engine.start("PUT", url("/x"), "continue",
        Map.of("body", "{}", "responseFields", "why=/error"), Map.of());
    engine.runJob(instance);

    assertThat(engine.waitingIn(instance)).isEqualTo("after");
    assertThat(engine.variables(instance)).containsEntry("webhookStatus", 500)
        .containsEntry("webhookError", WebhookConnector.WEBHOOK_5XX).containsEntry("webhookBody", "{\"error\":\"down\"}")
        .containsEntry("why", "down");
  }

  @Test
  void secretsAreResolvedAtCallTimeAndShownNowhere() {
    server.stubFor(any(urlPathEqualTo("/crm")).willReturn(aResponse().withStatus(200)
        .withHeader("X-Echo", "Bearer " + WebhookEngine.CRM_TOKEN)
        .withBody("{\"echo\":\"" + WebhookEngine.CRM_TOKEN + "\",\"key\":\"" + WebhookEngine.CRM_KEY + "\"}")));

    ProcessInstance instance = engine.start("POST", url("/crm?key={{secret:CRM_KEY}}"), "bpmn-error", Map.of(
        "headers", "Authorization: Bearer {{secret:CRM_TOKEN}}",
        "body", "{\"token\":\"{{ secret:CRM_TOKEN }}\"}",
        "responseFields", "echoed=/echo"), Map.of());
    engine.runJob(instance);

    server.verify(1, postRequestedFor(urlEqualTo("/crm?key=" + WebhookEngine.CRM_KEY))
        .withHeader("Authorization", equalTo("Bearer " + WebhookEngine.CRM_TOKEN))
        .withRequestBody(equalToJson("{\"token\":\"" + WebhookEngine.CRM_TOKEN + "\"}")));
    Map<String, Object> variables = engine.variables(instance);
    assertThat(variables).containsEntry("echoed", "******");
    assertThat((String) variables.get("webhookBody")).isEqualTo("{\"echo\":\"******\",\"key\":\"******\"}");
    assertThat((String) variables.get("webhookHeaders")).contains("Bearer ******");
    assertNoSecretIn(variables.values());
    assertNoSecretIn(engine.engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).list().stream().map(HistoricVariableInstance::getValue).toList());
    assertNoSecretIn(engine.engine.getHistoryService().createHistoricDetailQuery().variableUpdates()
        .processInstanceId(instance.getId()).list().stream()
        .map(detail -> ((HistoricVariableUpdate) detail).getValue()).toList());
  }

  @Test
  void secretsAreRedactedInErrorMessagesAndJobFailures() {
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));

    ProcessInstance failing = engine.start("GET", url("/crm?key={{secret:CRM_KEY}}"), "retry",
        Map.of("headers", "Authorization: Bearer {{secret:CRM_TOKEN}}"), Map.of());
    assertThatThrownBy(() -> engine.runJob(failing))
        .hasMessageContaining("key=******").hasMessageNotContaining(WebhookEngine.CRM_KEY);
    String stacktrace = engine.engine.getManagementService().getJobExceptionStacktrace(engine.job(failing).getId());
    assertThat(stacktrace).contains("key=******").doesNotContain(WebhookEngine.CRM_KEY)
        .doesNotContain(WebhookEngine.CRM_TOKEN);

    ProcessInstance caught = engine.start("GET", url("/crm?key={{secret:CRM_KEY}}"), "bpmn-error", Map.of(),
        Map.of());
    engine.runJob(caught);
    assertThat((String) engine.variables(caught).get("errorMessage")).contains("key=******");
    assertNoSecretIn(engine.variables(caught).values());
  }

  @Test
  void anUnknownSecretIsNamedButTheCallIsNotMade() {
    ProcessInstance instance = engine.start("GET", url("/crm"), "bpmn-error",
        Map.of("headers", "Authorization: Bearer {{secret:NO_SUCH_SECRET}}"), Map.of());

    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(SecretResolver.UnknownSecretException.class)
        .hasMessageContaining("webhook 'call'").hasMessageContaining("secret 'NO_SUCH_SECRET'")
        .hasMessageContaining("touchpoint.secrets.NO_SUCH_SECRET").hasMessageContaining("TOUCHPOINT_SECRETS_NO_SUCH_SECRET");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void invalidInputIsRefusedBeforeAnyCall() {
    ProcessInstance instance = engine.start("GET", url("/x"), "bpmn-error",
        Map.of("headers", "this is not a header"), Map.of());

    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(InvalidChannelInputException.class)
        .hasMessageContaining("'Name: value'");
    ProcessInstance badMethod = engine.start("TRACE", url("/x"), "bpmn-error", Map.of(), Map.of());
    assertThatThrownBy(() -> engine.runJob(badMethod)).isInstanceOf(InvalidChannelInputException.class)
        .hasMessageContaining("method must be one of GET, POST, PUT, PATCH, DELETE");
    ProcessInstance badTimeout = engine.start("GET", url("/x"), "bpmn-error", Map.of("timeout", "PT1H"), Map.of());
    assertThatThrownBy(() -> engine.runJob(badTimeout)).isInstanceOf(InvalidChannelInputException.class)
        .hasMessageContaining("at most PT5M");
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void loopbackIsRefusedByDefault() {
    engine.allow();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

    ProcessInstance byAddress = engine.start("GET", url("/x"), "bpmn-error", Map.of(), Map.of());
    engine.runJob(byAddress);
    ProcessInstance byName = engine.start("GET", "http://localhost:" + server.port() + "/x", "continue",
        Map.of(), Map.of());
    assertThatThrownBy(() -> engine.runJob(byName)).isInstanceOf(WebhookCallException.class)
        .hasMessageStartingWith(WebhookConnector.WEBHOOK_FORBIDDEN_TARGET);

    assertThat(engine.waitingIn(byAddress)).isEqualTo("handle");
    assertThat(engine.variables(byAddress)).containsEntry("errorCode", WebhookConnector.WEBHOOK_FORBIDDEN_TARGET);
    server.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void theCloudMetadataAddressIsRefused() {
    ProcessInstance instance = engine.start("GET", "http://169.254.169.254/latest/meta-data/", "retry",
        Map.of(), Map.of());

    assertThatThrownBy(() -> engine.runJob(instance)).isInstanceOf(WebhookCallException.class)
        .hasMessageStartingWith(WebhookConnector.WEBHOOK_FORBIDDEN_TARGET)
        .hasMessageContaining("169.254.169.254");
  }

  @Test
  void aPrivateAddressIsRefusedWithoutAnyNetworkTraffic() {
    // 10.0.0.1 is routed nowhere here: an attempted connect would hang until the timeout
    ProcessInstance instance = engine.start("POST", "http://10.0.0.1/hook", "bpmn-error",
        Map.of("timeout", "PT20S", "body", "{}"), Map.of());
    long started = System.nanoTime();
    engine.runJob(instance);

    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
    assertThat(engine.variables(instance)).containsEntry("errorCode", WebhookConnector.WEBHOOK_FORBIDDEN_TARGET)
        .containsEntry("webhookStatus", 0);
  }

  @Test
  void anAllowlistedHostIsCalledEvenThoughItIsLoopback() {
    engine.allow("LOCALHOST");
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

    ProcessInstance allowed = engine.start("GET", "http://localhost:" + server.port() + "/x", "bpmn-error",
        Map.of(), Map.of());
    engine.runJob(allowed);

    assertThat(engine.variables(allowed)).containsEntry("webhookStatus", 200);
    server.verify(1, requestedFor("GET", urlEqualTo("/x")));
  }

  private static void assertNoSecretIn(java.util.Collection<?> values) {
    for (Object value : values) {
      assertThat(String.valueOf(value)).doesNotContain(WebhookEngine.CRM_TOKEN).doesNotContain(WebhookEngine.CRM_KEY);
    }
  }
}
