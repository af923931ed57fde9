package io.touchpoint.analytics;

import java.util.List;

/**
 * One journey's figures over the instances that started in the range. Every started instance is
 * exactly one of active, completed, dropped off or held out
 * ({@code started = active + completed + dropOffs + heldOut}).
 *
 * @param key                 the process definition key
 * @param name                the newest version's name, else the key
 * @param versions            every deployed version, ascending
 * @param active              still running and not stuck in an incident
 * @param completed           ended at an end event not marked {@code drop-off}, without opting out;
 *                            goals included
 * @param dropOffs            left before completing: ended at a {@code drop-off} end, opted out (ended
 *                            without a goal after a send was skipped because the contact had opted out),
 *                            cancelled, or running but stuck in an open incident
 * @param incidents           of the drop-offs, those stuck in an open incident
 * @param goals               of the completed, those that ended at an end event marked {@code goal}
 * @param conversionRate      goals / the instances not held out, 0 when none started
 * @param avgDurationSeconds  mean start-to-end time of the instances that reached an end event;
 *                            null when none did
 * @param p90DurationSeconds  the 90th percentile of those durations, interpolated between the two
 *                            nearest (as SQL's {@code percentile_cont}, Excel's {@code PERCENTILE.INC}); null when none
 * @param heldOut             the journey's holdout: contacts who entered and were kept out of it (their instance
 *                            ended at its start at once, having sent nothing)
 */
public record JourneyMetrics(String key, String name, List<Integer> versions, long started, long active,
    long completed, long dropOffs, long incidents, long goals, double conversionRate, Double avgDurationSeconds,
    Double p90DurationSeconds, long heldOut) {

  public JourneyMetrics {
    versions = List.copyOf(versions);
  }
}
