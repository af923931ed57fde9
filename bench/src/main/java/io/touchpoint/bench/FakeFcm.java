package io.touchpoint.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Firebase Cloud Messaging (HTTP v1) and Google's OAuth token endpoint on a local WireMock
 * standalone, for the real Firebase Admin SDK: {@code POST /token} answers an access token,
 * {@code POST /v1/projects/bench-project/messages:send} answers 200 with a unique message name
 * (response templating) after an optional fixed delay. Once a send has been answered, the
 * message's device token and receipt URL are handed to the benchmark, which then posts the
 * device's "delivered" receipt. Also writes the service-account JSON the SDK is given.
 */
final class FakeFcm implements AutoCloseable {

  static final String PROJECT_ID = "bench-project";
  static final String SEND_PATH = "/v1/projects/" + PROJECT_ID + "/messages:send";
  /** Device tokens of a batch: this prefix followed by the journey's business key. */
  static final String TOKEN_PREFIX = "bench-device-";

  /** A message the fake answered. */
  record Sent(String token, String receiptUrl) {
  }

  interface Listener {
    void sent(Sent message);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;
  private final Path credentialsFile;

  FakeFcm(long latencyMs, int threads, Listener listener) throws IOException {
    ServeEventListener sends = new ServeEventListener() {
      @Override
      public void beforeMatch(ServeEvent event, Parameters parameters) {
        if (event.getRequest().getUrl().startsWith(SEND_PATH)) {
          Probe probe = Probe.current();
          if (probe != null) {
            probe.sent(indexOf(probe, message(event).path("token").asText(null)));
          }
        }
      }

      @Override
      public void afterComplete(ServeEvent event, Parameters parameters) {
        if (event.getRequest().getUrl().startsWith(SEND_PATH) && event.getResponse().getStatus() == 200) {
          JsonNode message = message(event);
          listener.sent(new Sent(message.path("token").asText(null),
              message.path("data").path("touchpoint_receipt_url").asText(null)));
        }
      }

      @Override
      public String getName() {
        return "bench-fcm-receipts";
      }
    };
    server = new WireMockServer(options().dynamicPort().containerThreads(Math.max(threads, 16))
        .disableRequestJournal().extensions(sends));
    server.start();
    server.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.bench\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    server.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"name\":\"projects/" + PROJECT_ID
            + "/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")
        .withFixedDelay((int) latencyMs)
        .withTransformers("response-template")));
    credentialsFile = writeCredentials(baseUrl());
  }

  String baseUrl() {
    return "http://localhost:" + server.port();
  }

  Path credentialsFile() {
    return credentialsFile;
  }

  /** The journey number of a device token of this batch, or -1. */
  static int indexOf(Probe probe, String token) {
    return token == null || !token.startsWith(TOKEN_PREFIX) ? -1
        : probe.indexOfKey(token.substring(TOKEN_PREFIX.length()));
  }

  static String token(Probe probe, int n) {
    return TOKEN_PREFIX + probe.key(n);
  }

  @Override
  public void close() {
    server.stop();
    try {
      Files.deleteIfExists(credentialsFile);
    } catch (IOException ignored) {
      // a temporary file
    }
  }

  private static JsonNode message(ServeEvent event) {
    try {
      return JSON.readTree(event.getRequest().getBodyAsString()).path("message");
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  /** A service account with a fresh 2048-bit RSA key whose token endpoint is the fake. */
  private static Path writeCredentials(String baseUrl) throws IOException {
    String pem;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    var account = JSON.createObjectNode()
        .put("type", "service_account")
        .put("project_id", PROJECT_ID)
        .put("private_key_id", "bench-key-1")
        .put("private_key", pem)
        .put("client_email", "bench@" + PROJECT_ID + ".iam.gserviceaccount.com")
        .put("client_id", "100000000000000000001")
        .put("token_uri", baseUrl + "/token");
    Path file = Files.createTempFile("touchpoint-bench-fcm-", ".json");
    try {
      // Jackson escapes the key's newlines as \n in the JSON string
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(account));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    file.toFile().deleteOnExit();
    return file;
  }
}
