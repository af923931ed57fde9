package io.touchpoint.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twilio's Messages API on a local WireMock standalone: answers 201 with a fresh message SID
 * (after an optional fixed delay, the injected provider latency) and, once the answer has been
 * sent, hands the message to the benchmark, which then posts its status callback.
 */
final class FakeTwilio implements AutoCloseable {

  /** A message the fake accepted, and the status callback URL it was created with (as Twilio will call it). */
  record Accepted(String sid, String to, String statusCallback) {
  }

  interface Listener {
    void accepted(Accepted message);
  }

  private final WireMockServer server;
  private final Map<UUID, Accepted> answered = new ConcurrentHashMap<>();

  FakeTwilio(long latencyMs, int threads, Listener listener) {
    ResponseDefinitionTransformerV2 sid = new ResponseDefinitionTransformerV2() {
      @Override
      public ResponseDefinition transform(ServeEvent event) {
        Map<String, String> form = form(event.getRequest().getBodyAsString());
        String to = form.getOrDefault("To", "");
        Probe probe = Probe.current();
        if (probe != null) {
          probe.sent(probe.indexOfPhone(to));
        }
        String messageSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        answered.put(event.getId(), new Accepted(messageSid, to, form.get("StatusCallback")));
        String body = """
            {"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":%s,"status":"queued",\
            "direction":"outbound-api","num_segments":"1","api_version":"2010-04-01"}"""
            .formatted(messageSid, TouchpointSide.ACCOUNT_SID, to, form.getOrDefault("From", ""),
                jsonString(form.getOrDefault("Body", "")));
        return ResponseDefinitionBuilder.like(event.getResponseDefinition()).but().withBody(body).build();
      }

      @Override
      public boolean applyGlobally() {
        return false;
      }

      @Override
      public String getName() {
        return "bench-twilio-sid";
      }
    };
    ServeEventListener afterAnswer = new ServeEventListener() {
      @Override
      public void afterComplete(ServeEvent event, Parameters parameters) {
        Accepted message = answered.remove(event.getId());
        if (message != null) {
          listener.accepted(message);
        }
      }

      @Override
      public String getName() {
        return "bench-twilio-callbacks";
      }
    };
    server = new WireMockServer(options().dynamicPort().containerThreads(Math.max(threads, 16))
        .disableRequestJournal().extensions(sid, afterAnswer));
    server.start();
    server.stubFor(post(urlPathMatching("/2010-04-01/Accounts/[^/]+/Messages\\.json"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withFixedDelay((int) latencyMs).withTransformers("bench-twilio-sid")));
  }

  /** Whether a thread is one of the fakes' WireMock (Jetty) threads, whose CPU is the provider's, not Touchpoint's. */
  static boolean ownsThread(String threadName) {
    return threadName.startsWith("qtp");
  }

  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String jsonString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
