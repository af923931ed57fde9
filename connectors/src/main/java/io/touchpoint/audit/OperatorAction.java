package io.touchpoint.audit;

import java.time.Instant;
import java.util.List;

/**
 * One thing an operator did to a journey's running contacts.
 *
 * @param action      {@code migrate}, {@code retry}, {@code skip}, {@code move} or {@code cancel}
 * @param step        the step acted on (null for a migration)
 * @param target      where contacts were moved to ({@code move}); null otherwise
 * @param fromVersion the version migrated from ({@code migrate}); null otherwise
 * @param toVersion   the version migrated to ({@code migrate}); null otherwise
 * @param contacts    how many journey instances the action was applied to
 * @param batchIds    the Camunda batches that carry it out (one per journey version acted on)
 * @param requestedBy who asked: the caller of the API ({@code api key 1a2b3c4d}) or a Cockpit user
 */
public record OperatorAction(String id, String journeyKey, String action, String step, String target,
    Integer fromVersion, Integer toVersion, int contacts, List<String> batchIds, String requestedBy, String reason,
    Instant requestedAt) {
}
