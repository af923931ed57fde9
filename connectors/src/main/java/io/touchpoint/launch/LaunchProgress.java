package io.touchpoint.launch;

import java.time.Instant;
import java.util.Map;

/**
 * Where a launch stands ({@code GET /api/launches/{id}}).
 *
 * @param state       {@code receiving} (an upload still streaming), {@code running} or {@code done}
 * @param received    events sent
 * @param accepted    events stored to be applied
 * @param rejected    events refused at the edge (their problems were in the upload's answer)
 * @param started     events that started at least one journey
 * @param resumed     events that started none but resumed a waiting journey
 * @param skipped     events that changed nothing, counted per reason in {@code skipReasons}
 * @param failed      events whose application failed for good
 * @param pending     accepted events not applied yet
 */
public record LaunchProgress(String id, Instant createdAt, String state, int received, int accepted, int rejected,
    int started, int resumed, int skipped, Map<String, Integer> skipReasons, int failed, int pending) {

  public LaunchProgress {
    skipReasons = Map.copyOf(skipReasons);
  }
}
