package io.touchpoint.analytics;

import java.time.Instant;

/**
 * The instances that started in one bucket (an hour or a day, UTC) and what became of them so far:
 * the buckets of a timeline add up to the journey's summary.
 *
 * @param start the bucket's first instant
 */
public record TimelinePoint(Instant start, long started, long completed, long dropOffs, long goals) {
}
