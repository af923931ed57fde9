package io.touchpoint.experiment;

import io.touchpoint.trigger.BusinessEventObserver;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who is in which group of which experiment ({@code tp_experiment_assignment}), and who converted. A contact's
 * first assignment to an experiment is the one that counts: it is looked up before a split assigns again, so a
 * contact keeps their variant on re-entry and in a new version even if the weights changed. Times are the
 * engine's, like the journey's timers: a conversion counts when the goal event arrives within the split's window
 * after the assignment.
 */
public class ExperimentAssignments implements BusinessEventObserver {

  /** One group's counts, as stored. */
  public record GroupCount(String experimentKey, String group, String conversionEvent, long entered,
      long converted) {
  }

  private final JdbcClient jdbc;

  public ExperimentAssignments(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The contact's variant: the one recorded before if this split still has it, else the bucket's. Records the
   * assignment if it is the contact's first in this experiment. Runs in the engine's transaction; two nodes
   * assigning the same contact at once collide on the key and one transaction is retried.
   */
  public String assign(ExperimentSplit split, String journeyKey, String contactId, String processInstanceId) {
    Optional<String> recorded = recordedGroup(split.key(), contactId);
    String variant = variantOf(split, contactId, recorded);
    if (recorded.isEmpty()) {
      insert(split, journeyKey, contactId, processInstanceId, variant);
    }
    return variant;
  }

  /** The variant {@link #assign} gives the contact, recording nothing: for a journey version in shadow mode. */
  public String variantOf(ExperimentSplit split, String contactId) {
    return variantOf(split, contactId, recordedGroup(split.key(), contactId));
  }

  private static String variantOf(ExperimentSplit split, String contactId, Optional<String> recorded) {
    if (recorded.isPresent() && split.weights().percent().containsKey(recorded.get())) {
      return recorded.get();
    }
    return split.weights().variantOf(StickyBuckets.bucket(split.key(), contactId));
  }

  /** Records a held-out contact in the experiment, unless they were assigned to it before. */
  public void holdOut(ExperimentSplit split, String journeyKey, String contactId, String processInstanceId) {
    if (recordedGroup(split.key(), contactId).isEmpty()) {
      insert(split, journeyKey, contactId, processInstanceId, ExperimentSplit.HOLDOUT);
    }
  }

  /** A business event arrived: it converts the contact in every experiment whose goal it is, within the window. */
  @Override
  public void accepted(String eventName, String contactId) {
    OffsetDateTime now = engineNow();
    jdbc.sql("""
            update tp_experiment_assignment set converted_at = ?
            where contact_id = ? and conversion_event = ? and converted_at is null
              and assigned_at <= ? and window_ends_at >= ?""")
        .params(now, contactId, eventName, now, now).update();
  }

  /** Entered and converted per experiment and group, of the assignments made in the journey. */
  public List<GroupCount> counts(String journeyKey) {
    return jdbc.sql("""
            select experiment_key, group_name, max(conversion_event) conversion_event, count(*) entered,
              count(converted_at) converted
            from tp_experiment_assignment where journey_key = ?
            group by experiment_key, group_name""")
        .param(journeyKey)
        .query((rs, n) -> new GroupCount(rs.getString("experiment_key"), rs.getString("group_name"),
            rs.getString("conversion_event"), rs.getLong("entered"), rs.getLong("converted")))
        .list();
  }

  private Optional<String> recordedGroup(String experimentKey, String contactId) {
    return jdbc.sql("select group_name from tp_experiment_assignment where experiment_key = ? and contact_id = ?")
        .params(experimentKey, contactId).query(String.class).optional();
  }

  private void insert(ExperimentSplit split, String journeyKey, String contactId, String processInstanceId,
      String group) {
    OffsetDateTime now = engineNow();
    jdbc.sql("""
            insert into tp_experiment_assignment (experiment_key, contact_id, group_name, journey_key,
              process_instance_id, assigned_at, conversion_event, window_ends_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(split.key(), contactId, group, journeyKey, processInstanceId, now, split.conversionEvent(),
            now.plus(split.conversionWindow()))
        .update();
  }

  private static OffsetDateTime engineNow() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    return OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
  }
}
