package io.touchpoint.migration;

import java.time.Instant;
import java.util.List;

/**
 * How far a migration got.
 *
 * @param state     {@code running}, {@code completed}, or {@code failed} (the engine gave up on the instances
 *                  listed in {@code failures}; the others are migrated)
 * @param contacts  how many contacts the migration was started for
 * @param migrated  how many of them are in version {@code to} now
 */
public record MigrationProgress(String id, String key, int from, int to, String state, int contacts, long migrated,
    int failed, List<Failure> failures, String requestedBy, Instant requestedAt, String reason) {

  /** A contact the engine could not migrate, and the engine's reason. */
  public record Failure(String contact, String processInstanceId, String reason) {
  }
}
