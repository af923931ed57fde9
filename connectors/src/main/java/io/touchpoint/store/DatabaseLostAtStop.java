package io.touchpoint.store;

/**
 * Published as a node begins to stop and finds its database out of reach, once {@link StopWithoutDatabase} has closed
 * its connection pool: whatever still waits for a connection gives up now rather than when the pool's timeout ends.
 */
public record DatabaseLostAtStop() {
}
