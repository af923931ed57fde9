package io.touchpoint.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one event did: journeys started, journeys resumed, journeys it did not start and why.
 *
 * @param omitted only in a shortened answer (a repeat of an event too big to remember whole): how many
 *                entries of each list were left out
 */
public record EventResult(String eventId, List<Started> started, List<String> resumed, List<Skipped> skipped,
    @JsonInclude(JsonInclude.Include.NON_NULL) Omitted omitted) {

  public EventResult(String eventId, List<Started> started, List<String> resumed, List<Skipped> skipped) {
    this(eventId, started, resumed, skipped, null);
  }

  /** @param shadow whether the journey version started runs in shadow mode (only then in the JSON) */
  public record Started(String journey, String processInstanceId,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean shadow) {
  }

  public record Skipped(String journey, String reason) {
  }

  /** Entries left out of a shortened answer, per list. */
  public record Omitted(int started, int resumed, int skipped) {
  }

  int entries() {
    return started.size() + resumed.size() + skipped.size();
  }

  /** The same answer with only its first {@code kept} entries (started first, then resumed, then skipped). */
  EventResult firstEntries(int kept) {
    int keptStarted = Math.min(kept, started.size());
    int keptResumed = Math.min(kept - keptStarted, resumed.size());
    int keptSkipped = Math.min(kept - keptStarted - keptResumed, skipped.size());
    return new EventResult(eventId, started.subList(0, keptStarted), resumed.subList(0, keptResumed),
        skipped.subList(0, keptSkipped), new Omitted(started.size() - keptStarted, resumed.size() - keptResumed,
        skipped.size() - keptSkipped));
  }
}
