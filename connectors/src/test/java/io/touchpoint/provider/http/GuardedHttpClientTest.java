package io.touchpoint.provider.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.CallDeadline.CallTooLateException;
import io.touchpoint.provider.http.GuardedHttpClient.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one client for addresses a journey names, against WireMock on loopback. Only the name {@code localhost} is
 * allowlisted, so {@code 127.0.0.1} — the same server — stands for an internal address an attacker redirects to.
 * A send pipeline's call past its deadline is not made.
 */
class GuardedHttpClientTest {

  static WireMockServer server;
  final CallDeadline deadline = new CallDeadline();
  GuardedHttpClient client;

  @BeforeAll
  static void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @BeforeEach
  void allowOnlyLocalhostByName() {
    server.resetAll();
    client = new GuardedHttpClient(new SsrfGuard(Set.of("localhost")), deadline);
  }

  @AfterEach
  void close() throws IOException {
    client.close();
  }

  static URI allowed(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  static String internal(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  static Limits limits(int redirects, long maxBytes) {
    return new Limits(Duration.ofSeconds(5), redirects, maxBytes);
  }

  @Test
  void anInternalAddressIsRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> client.call("GET", URI.create(internal("/metadata")), List.of(), null, limits(5, 1000)))
        .isInstanceOf(SsrfGuard.ForbiddenTargetException.class);

    server.verify(0, getRequestedFor(urlEqualTo("/metadata")));
  }

  @Test
  void aSendPipelinesCallPastItsDeadlineIsNotWrittenAndOneWithinItIs() {
    server.stubFor(get(urlEqualTo("/contacts/ana/onboarded")).willReturn(aResponse().withBody("{}")));
    long passed = System.nanoTime() - 1;
    long later = System.nanoTime() + Duration.ofSeconds(10).toNanos();

    assertThatThrownBy(() -> deadline.callBy(passed, () -> fetch("/contacts/ana/onboarded")))
        .isInstanceOf(CallTooLateException.class);
    server.verify(0, getRequestedFor(urlEqualTo("/contacts/ana/onboarded")));

    assertThat(deadline.callBy(later, () -> fetch("/contacts/ana/onboarded")).status()).isEqualTo(200);
    server.verify(1, getRequestedFor(urlEqualTo("/contacts/ana/onboarded")));
  }

  private GuardedHttpClient.Response fetch(String path) {
    try {
      return client.call("GET", allowed(path), List.of(), null, limits(0, 1000));
    } catch (IOException unreachable) {
      throw new UncheckedIOException(unreachable);
    }
  }

  @Test
  void aRedirectToAnInternalAddressIsRefusedAtThatHop() {
    server.stubFor(get(urlEqualTo("/brochure.pdf")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", internal("/metadata"))));
    server.stubFor(get(urlEqualTo("/metadata")).willReturn(aResponse().withBody("secret-role-credentials")));

    assertThatThrownBy(() -> client.call("GET", allowed("/brochure.pdf"), List.of(), null, limits(5, 1000)))
        .satisfies(failure -> assertThat(SsrfGuard.ForbiddenTargetException.causing(failure)).isPresent());

    server.verify(1, getRequestedFor(urlEqualTo("/brochure.pdf")));
    server.verify(0, getRequestedFor(urlEqualTo("/metadata")));
  }

  @Test
  void redirectsToAllowedTargetsAreFollowedUpToTheLimit() throws IOException {
    server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(301).withHeader("Location", "/b")));
    server.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", allowed("/c").toString())));
    server.stubFor(get(urlEqualTo("/c")).willReturn(aResponse().withBody("the file")));

    assertThat(client.call("GET", allowed("/a"), List.of(), null, limits(2, 1000)).text()).isEqualTo("the file");
    assertThatThrownBy(() -> client.call("GET", allowed("/a"), List.of(), null, limits(1, 1000)))
        .satisfies(failure -> assertThat(failure).hasRootCauseInstanceOf(RedirectException.class));
  }

  @Test
  void withoutRedirectsTheRedirectIsTheAnswer() throws IOException {
    server.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(302).withHeader("Location", "/b")));

    GuardedHttpClient.Response response = client.call("GET", allowed("/a"), List.of(), null, limits(0, 1000));

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.headers()).containsEntry("location", "/b");
    server.verify(0, getRequestedFor(urlEqualTo("/b")));
  }

  @Test
  void aLongAnswerIsCutAtTheLimitAndTheRestIsNotAwaited() throws IOException {
    // 2 000 bytes in 100 chunks over 60 s: draining the rest would run into the 5 s deadline
    server.stubFor(get(urlEqualTo("/huge")).willReturn(aResponse().withBody("x".repeat(2000))
        .withChunkedDribbleDelay(100, 60_000)));

    GuardedHttpClient.Response response = client.call("GET", allowed("/huge"),
        List.of(new BasicHeader("Accept-Encoding", "identity")), null, limits(0, 10));

    assertThat(response.cut()).isTrue();
    assertThat(response.body()).hasSize(10);
  }

  @Test
  void anAnswerOfExactlyTheLimitIsWhole() throws IOException {
    server.stubFor(get(urlEqualTo("/exact")).willReturn(aResponse().withBody("0123456789")));

    GuardedHttpClient.Response response = client.call("GET", allowed("/exact"), List.of(), null, limits(0, 10));

    assertThat(response.cut()).isFalse();
    assertThat(response.text()).isEqualTo("0123456789");
  }
}
