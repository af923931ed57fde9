package io.touchpoint.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A CRM's contacts API on a local WireMock standalone, the webhook journey's target: answers
 * {@code POST /crm/contacts/<contact id>} with 200 {@code {"id":"crm-1"}} after an optional fixed
 * delay (the injected provider latency) and counts the call as the journey's send.
 */
final class FakeCrm implements AutoCloseable {

  static final String CONTACTS_PATH = "/crm/contacts/";

  private final WireMockServer server;

  FakeCrm(long latencyMs, int threads) {
    ServeEventListener countCall = new ServeEventListener() {
      @Override
      public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        Probe probe = Probe.current();
        String url = event.getRequest().getUrl();
        if (probe != null && url.startsWith(CONTACTS_PATH)) {
          probe.sent(probe.indexOfKey(url.substring(CONTACTS_PATH.length())));
        }
      }

      @Override
      public String getName() {
        return "bench-crm-calls";
      }
    };
    server = new WireMockServer(options().dynamicPort().containerThreads(Math.max(threads, 16))
        .disableRequestJournal().extensions(countCall));
    server.start();
    server.stubFor(post(urlPathMatching(CONTACTS_PATH + "[^/]+"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"id\":\"crm-1\"}").withFixedDelay((int) latencyMs)));
  }

  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  @Override
  public void close() {
    server.stop();
  }
}
