package io.touchpoint.trigger;

import java.util.List;

/** What one event did: journeys started, journeys resumed, journeys it did not start and why. */
public record EventResult(String eventId, List<Started> started, List<String> resumed, List<Skipped> skipped) {

  public record Started(String journey, String processInstanceId) {
  }

  public record Skipped(String journey, String reason) {
  }
}
