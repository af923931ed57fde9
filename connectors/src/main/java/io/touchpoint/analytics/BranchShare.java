package io.touchpoint.analytics;

/**
 * One outgoing flow of an element with several: how many instances reached its target after
 * reaching the source.
 *
 * @param taken instances that reached the target
 * @param share taken / instances that reached the source; 0 when none did
 */
public record BranchShare(String sourceId, String flowId, String targetId, String targetName, long taken,
    double share) {
}
