package io.touchpoint.analytics;

import io.touchpoint.delivery.SkipReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the instances in scope ended (or did not yet), counted per version and way of ending in one aggregate
 * query, and how long those that reached an end event took.
 */
final class InstanceOutcomes {

  /** A number of instances that ended (or not) the same way, in one definition, started in one hour. */
  record EndingCount(String definitionId, String endActivityId, String state, boolean incident, boolean optedOut,
      Instant hour, long instances) {
  }

  record Durations(Double averageSeconds, Double p90Seconds) {
    static final Durations NONE = new Durations(null, null);
  }

  /**
   * The end event an instance finished at. For an instance an interrupting event subprocess ended (e.g. a goal
   * on {@code order.placed}) the engine records the subprocess: then it is the last end event the instance reached.
   */
  private static final String END_EVENT_OR_LAST_REACHED = """
      case when p.END_ACT_ID_ in (%s) then (select a.ACT_ID_ from ACT_HI_ACTINST a
          where a.PROC_INST_ID_ = p.ID_ and a.ACT_TYPE_ like '%%EndEvent' and a.END_TIME_ is not null
          order by a.END_TIME_ desc, a.SEQUENCE_COUNTER_ desc fetch first 1 rows only)
        else p.END_ACT_ID_ end""";

  private final JdbcClient jdbc;

  InstanceOutcomes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param models the versions the instances may run, for their event subprocesses
   * @return the counts, without their hour
   */
  List<EndingCount> endings(InstanceScope scope, Collection<JourneyModel> models) {
    return endings(scope, false, models);
  }

  /** As {@link #endings}, also counted per hour the instances started in. */
  List<EndingCount> endingsByHour(InstanceScope scope, Collection<JourneyModel> models) {
    return endings(scope, true, models);
  }

  private List<EndingCount> endings(InstanceScope scope, boolean byHour, Collection<JourneyModel> models) {
    Set<String> eventSubprocesses = models.stream().flatMap(model -> model.eventSubprocesses().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    String endActivity = eventSubprocesses.isEmpty() ? "p.END_ACT_ID_"
        : END_EVENT_OR_LAST_REACHED.formatted(InstanceScope.placeholders(eventSubprocesses.size()));
    String hour = byHour ? ", hour_started" : "";
    String sql = """
        select definition_id, end_activity, state, incident, opted_out%s, count(*) instances from (
          select p.PROC_DEF_ID_ definition_id, %s end_activity, p.STATE_ state,
            case when p.END_TIME_ is null and p.ID_ in (select i.PROC_INST_ID_ from ACT_HI_INCIDENT i
              where i.INCIDENT_STATE_ = 0) then 1 else 0 end incident,
            case when p.END_TIME_ is not null and p.ID_ in (select d.process_instance_id from tp_delivery d
              where d.outcome = 'SKIPPED' and d.outcome_code = ?) then 1 else 0 end opted_out%s
          from ACT_HI_PROCINST p where %s
        ) x group by definition_id, end_activity, state, incident, opted_out%s"""
        .formatted(hour, endActivity, byHour ? ", date_trunc('hour', p.START_TIME_) hour_started" : "",
            scope.instances(), hour);
    List<Object> params = new ArrayList<>(eventSubprocesses);
    params.add(SkipReason.OPTED_OUT.name());
    params.addAll(scope.instanceParams());
    return jdbc.sql(sql).params(params).query((rs, n) -> new EndingCount(rs.getString("definition_id"),
        rs.getString("end_activity"), rs.getString("state"), rs.getInt("incident") == 1,
        rs.getInt("opted_out") == 1, byHour ? instant(rs, "hour_started") : null, rs.getLong("instances"))).list();
  }

  /** Start-to-end times of the instances that reached an end event, per journey key. */
  Map<String, Durations> durations(InstanceScope scope) {
    String sql = """
        select p.PROC_DEF_KEY_ journey_key, avg(cast(p.DURATION_ as double precision)) average,
          percentile_cont(0.9) within group (order by p.DURATION_) p90
        from ACT_HI_PROCINST p where p.STATE_ = 'COMPLETED' and %s group by p.PROC_DEF_KEY_"""
        .formatted(scope.instances());
    Map<String, Durations> durations = new HashMap<>();
    jdbc.sql(sql).params(scope.instanceParams()).query(rs -> {
      durations.put(rs.getString("journey_key"),
          new Durations(rs.getDouble("average") / 1000, rs.getDouble("p90") / 1000));
    });
    return durations;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
