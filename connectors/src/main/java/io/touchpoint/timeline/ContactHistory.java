package io.touchpoint.timeline;

import java.time.Instant;
import java.util.List;

/**
 * What one contact went through: each journey with its steps and messages, and the addresses that opted out.
 * A message's {@code outcome} is the send's decision ({@code ACCEPTED}, {@code SKIPPED} with {@code outcomeCode}
 * {@code OPTED_OUT}...): what the guards decided about it is there.
 */
public record ContactHistory(String contact, List<Journey> journeys, List<OptOut> optOuts) {

  public record Journey(String key, int version, String processInstanceId, Instant startedAt, Instant endedAt,
      List<Step> steps, List<Message> messages) {
  }

  public record Step(String id, String name, Instant enteredAt, Instant leftAt) {
  }

  public record Message(String step, String channel, String provider, String providerMessageId, String outcome,
      String outcomeCode, String reason, Instant at, List<Status> statuses) {
  }

  public record Status(String status, Instant at) {
  }

  public record OptOut(String channel, String address, String keyword, Instant at) {
  }
}
