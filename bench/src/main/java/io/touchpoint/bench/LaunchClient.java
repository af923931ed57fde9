package io.touchpoint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The campaign API as a client calls it: {@code POST /api/events/batch}, {@code POST /api/launches} (NDJSON) and
 * {@code GET /api/launches/{id}}. The events are the SMS journey's: contact {@code <prefix>-<n>} with the phone
 * number {@link Probe#phone} of journey n, so that the fake Twilio maps each send back to its journey.
 */
final class LaunchClient {

  /** What {@code GET /api/launches/{id}} said. */
  record Progress(String state, int accepted, int started, int skipped, int failed, int pending) {

    boolean done() {
      return "done".equals(state);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  /** {@code POST /api/events/batch} with journeys {@code from} to {@code to - 1}; the launch id of the 202. */
  String batch(String baseUrl, Probe probe, int from, int to) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder("{\"events\":[");
    for (int n = from; n < to; n++) {
      body.append(n == from ? "" : ",").append(event(probe, n));
    }
    body.append("]}");
    return launchId(post(baseUrl + "/api/events/batch", "application/json", body.toString()));
  }

  /** {@code POST /api/launches} with every journey of the probe, one event per line; the launch id of the 202. */
  String upload(String baseUrl, Probe probe) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder(probe.count * 128);
    for (int n = 0; n < probe.count; n++) {
      body.append(event(probe, n)).append('\n');
    }
    return launchId(post(baseUrl + "/api/launches", "application/x-ndjson", body.toString()));
  }

  Progress progress(String baseUrl, String launchId) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/launches/" + launchId))
        .header("Authorization", "Bearer " + TouchpointSide.API_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /api/launches/" + launchId + " answered " + response.statusCode() + " "
          + response.body());
    }
    JsonNode answer = json.readTree(response.body());
    return new Progress(answer.path("state").asText(), answer.path("accepted").asInt(),
        answer.path("started").asInt(), answer.path("skipped").asInt(), answer.path("failed").asInt(),
        answer.path("pending").asInt());
  }

  private static String event(Probe probe, int n) {
    String key = probe.key(n);
    return """
        {"name":"%s","id":"evt-%s","contact":{"id":"%s","phone":"%s","firstName":"Ada"},"data":{}}"""
        .formatted(TouchpointSide.EVENT, key, key, probe.phone(n));
  }

  private HttpResponse<String> post(String url, String contentType, String body)
      throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + TouchpointSide.API_KEY).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String launchId(HttpResponse<String> response) throws IOException {
    if (response.statusCode() != 202) {
      throw new IOException("launch answered " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body()).path("launch").path("id").asText();
  }
}
