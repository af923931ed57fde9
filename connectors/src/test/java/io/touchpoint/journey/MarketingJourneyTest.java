package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;

/**
 * The marketing samples (campaign, post-purchase, re-engagement) also push to the contact's devices and may run
 * for a whole audience at once: FCM accepts every notification, the pushes a device received can be read, and the
 * engine clock moves once for several journeys.
 */
abstract class MarketingJourneyTest extends SampleJourneyTest {

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void devicesCanBeNotified() {
    fcmAcceptsNotifications();
  }

  /** Moves the engine clock forward once and runs what became due in each of the journeys. */
  protected void timePasses(Duration duration, List<ProcessInstance> journeys) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    journeys.forEach(this::runDueJobs);
  }

  /** The FCM messages sent to a device, oldest first ({@code message} objects of the HTTP v1 API). */
  protected List<JsonNode> pushesTo(String deviceToken) {
    return TWILIO.findAll(postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
            .withRequestBody(matchingJsonPath("$.message.token", equalTo(deviceToken)))).stream()
        .map(request -> {
          try {
            return json.readTree(request.getBodyAsString()).path("message");
          } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
          }
        })
        .toList();
  }
}
