package io.touchpoint.analytics;

import io.touchpoint.analytics.JourneyModel.Component;
import io.touchpoint.analytics.JourneyModel.Flow;
import io.touchpoint.analytics.JourneyModel.Split;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.SkipReason;
import io.touchpoint.journey.JourneyOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Journey analytics, computed from the engine's history ({@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST},
 * {@code ACT_HI_INCIDENT}) and Touchpoint's ledger with a handful of aggregate queries per answer (plain SQL,
 * the same on H2 and PostgreSQL), so journeys with a hundred thousand instances answer in well under a second.
 * How an instance ended is read from its end event's {@code touchpoint.outcome} in the version it ran.
 */
public class JourneyAnalytics {


  private final JdbcClient jdbc;
  private final RepositoryService repository;
  private final Clock clock;
  /** Deployed definitions never change, so their parsed models can be kept. */
  private final Map<String, JourneyModel> models = new ConcurrentHashMap<>();

  public JourneyAnalytics(JdbcClient jdbc, RepositoryService repository, Clock clock) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.clock = clock;
  }

  /** Every deployed journey, by key, with its figures over the instances started in the range. */
  public List<JourneyMetrics> journeys(AnalyticsRange range) {
    Map<String, List<ProcessDefinition>> byKey = repository.createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list().stream()
        .collect(Collectors.groupingBy(ProcessDefinition::getKey, TreeMap::new, Collectors.toList()));
    Map<String, ProcessDefinition> definitions = byKey.values().stream().flatMap(List::stream)
        .collect(Collectors.toMap(ProcessDefinition::getId, d -> d));
    Scope scope = new Scope(null, List.of(), range);
    Map<String, Tally> tallies = new HashMap<>();
    for (EndingCount row : endings(scope, false, definitions.keySet().stream().map(this::model).toList())) {
      ProcessDefinition definition = definitions.get(row.definitionId());
      if (definition != null) {
        tallies.computeIfAbsent(definition.getKey(), k -> new Tally()).add(row, model(definition.getId()));
      }
    }
    Map<String, Durations> durations = durations(scope);
    List<JourneyMetrics> journeys = new ArrayList<>();
    byKey.forEach((key, versions) -> journeys.add(metrics(versions,
        tallies.getOrDefault(key, new Tally()), durations.getOrDefault(key, Durations.NONE))));
    return journeys;
  }

  /**
   * One journey in detail.
   *
   * @param version null for all versions together
   * @throws UnknownJourneyException when no such journey (or version) is deployed
   */
  public JourneyReport journey(String journeyKey, Integer version, AnalyticsRange range) {
    List<ProcessDefinition> all = repository.createProcessDefinitionQuery().processDefinitionKey(journeyKey)
        .orderByProcessDefinitionVersion().asc().list();
    List<ProcessDefinition> chosen = version == null ? all
        : all.stream().filter(d -> d.getVersion() == version).toList();
    if (chosen.isEmpty()) {
      throw new UnknownJourneyException(journeyKey, version);
    }
    Scope scope = new Scope(journeyKey, version == null ? List.of() : List.of(chosen.get(0).getId()), range);
    Tally tally = new Tally();
    Map<Instant, Tally> byHour = new TreeMap<>();
    for (EndingCount row : endings(scope, true, chosen.stream().map(d -> model(d.getId())).toList())) {
      JourneyModel model = model(row.definitionId());
      tally.add(row, model);
      byHour.computeIfAbsent(row.hour(), h -> new Tally()).add(row, model);
    }
    JourneyMetrics summary = metrics(all, tally, durations(scope).getOrDefault(journeyKey, Durations.NONE));
    List<ProcessDefinition> newestFirst = new ArrayList<>(chosen);
    newestFirst.sort(Comparator.comparingInt(ProcessDefinition::getVersion).reversed());
    List<JourneyModel> versionModels = newestFirst.stream().map(d -> model(d.getId())).toList();
    return new JourneyReport(summary, timeline(byHour, range), components(scope, versionModels),
        branches(scope, chosen, versionModels));
  }

  // ---- how instances ended

  /** A number of instances that ended (or not) the same way, in one definition, started in one hour. */
  record EndingCount(String definitionId, String endActivityId, String state, boolean incident, boolean optedOut,
      Instant hour, long instances) {
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

  private List<EndingCount> endings(Scope scope, boolean byHour, Collection<JourneyModel> models) {
    Set<String> eventSubprocesses = models.stream().flatMap(model -> model.eventSubprocesses().stream())
        .collect(Collectors.toCollection(TreeSet::new));
    String endActivity = eventSubprocesses.isEmpty() ? "p.END_ACT_ID_"
        : END_EVENT_OR_LAST_REACHED.formatted(placeholders(eventSubprocesses.size()));
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

  /** Counts of instances by what became of them; {@code started} is their sum. */
  static final class Tally {
    long started;
    long active;
    long completed;
    long dropOffs;
    long incidents;
    long goals;

    void add(EndingCount row, JourneyModel model) {
      long n = row.instances();
      started += n;
      switch (row.state()) {
        case "ACTIVE", "SUSPENDED" -> {
          if (row.incident()) {
            dropOffs += n;
            incidents += n;
          } else {
            active += n;
          }
        }
        // cancelled: the engine says INTERNALLY_TERMINATED for a deleteProcessInstance too
        case "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED" -> dropOffs += n;
        default -> {
          JourneyOutcome outcome = model.outcomeAt(row.endActivityId()).orElse(JourneyOutcome.COMPLETED);
          if (outcome == JourneyOutcome.GOAL) {
            completed += n;
            goals += n;
          } else if (outcome == JourneyOutcome.DROP_OFF || row.optedOut()) {
            dropOffs += n;
          } else {
            completed += n;
          }
        }
      }
    }
  }

  record Durations(Double averageSeconds, Double p90Seconds) {
    static final Durations NONE = new Durations(null, null);
  }

  /** Start-to-end times of the instances that reached an end event, per journey key. */
  private Map<String, Durations> durations(Scope scope) {
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

  private static JourneyMetrics metrics(List<ProcessDefinition> versions, Tally tally, Durations durations) {
    ProcessDefinition newest = versions.get(versions.size() - 1);
    String name = newest.getName() == null || newest.getName().isBlank() ? newest.getKey() : newest.getName();
    return new JourneyMetrics(newest.getKey(), name, versions.stream().map(ProcessDefinition::getVersion).toList(),
        tally.started, tally.active, tally.completed, tally.dropOffs, tally.incidents, tally.goals,
        tally.started == 0 ? 0 : (double) tally.goals / tally.started,
        durations.averageSeconds(), durations.p90Seconds());
  }

  // ---- timeline

  private List<TimelinePoint> timeline(Map<Instant, Tally> byHour, AnalyticsRange range) {
    if (byHour.isEmpty() && range.from() == null) {
      return List.of();
    }
    Instant first = range.from() != null ? range.from() : byHour.keySet().iterator().next();
    Instant end = range.to() != null ? range.to() : clock.instant();
    TimelineStep step = TimelineStep.forRange(first, end);
    Map<Instant, Tally> buckets = new TreeMap<>();
    for (Instant bucket = step.start(first); bucket.isBefore(end); bucket = step.next(bucket)) {
      buckets.put(bucket, new Tally());
    }
    byHour.forEach((hour, tally) -> {
      Tally bucket = buckets.computeIfAbsent(step.start(hour), b -> new Tally());
      bucket.started += tally.started;
      bucket.completed += tally.completed;
      bucket.dropOffs += tally.dropOffs;
      bucket.goals += tally.goals;
    });
    List<TimelinePoint> points = new ArrayList<>();
    buckets.forEach((start, t) -> points.add(new TimelinePoint(start, t.started, t.completed, t.dropOffs, t.goals)));
    return points;
  }

  // ---- channel and webhook steps

  private List<ComponentMetrics> components(Scope scope, List<JourneyModel> newestFirst) {
    Map<String, Component> steps = new LinkedHashMap<>();
    newestFirst.forEach(model -> model.components().forEach(c -> steps.putIfAbsent(c.activityId(), c)));
    if (steps.isEmpty()) {
      return List.of();
    }
    Set<Channel> kinds = steps.values().stream().map(Component::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    Map<String, Map<String, Long>> counts = new HashMap<>();
    if (!EnumSet.of(Channel.WEBHOOK).containsAll(kinds)) {
      sendCounts(scope, counts);
    }
    if (kinds.contains(Channel.EMAIL)) {
      emailCounts(scope, counts);
    }
    if (kinds.contains(Channel.WEBHOOK)) {
      jdbc.sql("""
              select w.activity_id, count(*) calls, sum(case when w.error_code is null then 1 else 0 end) successes
              from %s group by w.activity_id""".formatted(scope.webhookCalls()))
          .params(scope.deliveryParams()).query(rs -> {
            add(counts, rs.getString(1), "calls", rs.getLong("calls"));
            add(counts, rs.getString(1), "successes", rs.getLong("successes"));
            add(counts, rs.getString(1), "errors", rs.getLong("calls") - rs.getLong("successes"));
          });
    }
    List<ComponentMetrics> components = new ArrayList<>();
    for (Component step : steps.values()) {
      Map<String, Long> found = counts.getOrDefault(step.activityId(), Map.of());
      Map<String, Long> ordered = new LinkedHashMap<>();
      step.kind().analyticsCounts().forEach(name -> ordered.put(name, found.getOrDefault(name, 0L)));
      components.add(new ComponentMetrics(step.activityId(), step.name(), step.kind().name(), ordered));
    }
    return components;
  }

  /** Sends handed to the provider, delivered as SMS instead, and each status reached, per step. */
  private void sendCounts(Scope scope, Map<String, Map<String, Long>> counts) {
    jdbc.sql("""
            select d.activity_id, sum(case when d.outcome = 'ACCEPTED' then 1 else 0 end) sent,
              sum(case when d.delivered_via = 'SMS' then 1 else 0 end) sms_fallback
            from %s group by d.activity_id""".formatted(scope.deliveries("")))
        .params(scope.deliveryParams()).query(rs -> {
          add(counts, rs.getString(1), "sent", rs.getLong("sent"));
          add(counts, rs.getString(1), "smsFallback", rs.getLong("sms_fallback"));
        });
    jdbc.sql("""
            select d.activity_id, s.status, count(*) reached
            from %s and s.status <> 'SENT' group by d.activity_id, s.status"""
            .formatted(scope.deliveries("join tp_delivery_status s on s.delivery_id = d.id")))
        .params(scope.deliveryParams())
        .query((RowCallbackHandler) rs -> add(counts, rs.getString(1), statusName(rs.getString("status")),
            rs.getLong("reached")));
  }

  /**
   * Unsubscribes, and (if asked for) emails opened only by an image proxy or a link scanner and
   * clicked only by a link scanner, per step.
   */
  private void emailCounts(Scope scope, Map<String, Map<String, Long>> counts) {
    if (scope.range().includeMachineOpens()) {
      // opened only by a machine (an image proxy, or a link scanner following a link): no OPENED status
      jdbc.sql("""
              select d.activity_id, count(distinct d.id) opened from %s and d.channel = 'EMAIL'
                and not exists (select 1 from tp_delivery_status s where s.delivery_id = d.id and s.status = 'OPENED')
              group by d.activity_id""".formatted(scope.deliveries("join (select delivery_id from tp_machine_open "
              + "union select delivery_id from tp_machine_click) m on m.delivery_id = d.id")))
          .params(scope.deliveryParams())
          .query((RowCallbackHandler) rs -> add(counts, rs.getString(1), "opened", rs.getLong("opened")));
      jdbc.sql("""
              select d.activity_id, count(distinct d.id) clicked from %s and d.channel = 'EMAIL'
                and not exists (select 1 from tp_delivery_status s where s.delivery_id = d.id and s.status = 'CLICKED')
              group by d.activity_id""".formatted(scope.deliveries("join tp_machine_click m on m.delivery_id = d.id")))
          .params(scope.deliveryParams())
          .query((RowCallbackHandler) rs -> add(counts, rs.getString(1), "clicked", rs.getLong("clicked")));
    }
    jdbc.sql("select d.activity_id, count(*) unsubscribed from %s group by d.activity_id"
            .formatted(scope.deliveries("join tp_unsubscribe u on u.delivery_id = d.id")))
        .params(scope.deliveryParams())
        .query((RowCallbackHandler) rs -> add(counts, rs.getString(1), "unsubscribed", rs.getLong("unsubscribed")));
  }

  private static String statusName(String status) {
    return status.toLowerCase(Locale.ROOT);
  }

  private static void add(Map<String, Map<String, Long>> counts, String activityId, String name, long value) {
    counts.computeIfAbsent(activityId, a -> new HashMap<>()).merge(name, value, Long::sum);
  }

  // ---- branches

  private List<BranchShare> branches(Scope scope, List<ProcessDefinition> definitions, List<JourneyModel> newestFirst) {
    Map<String, Split> splits = new LinkedHashMap<>();
    newestFirst.forEach(model -> model.splits().forEach(split -> splits.putIfAbsent(split.sourceId(), split)));
    if (splits.isEmpty()) {
      return List.of();
    }
    List<String> activities = new ArrayList<>();
    splits.values().forEach(split -> {
      activities.add(split.sourceId());
      split.flows().forEach(flow -> activities.add(flow.targetId()));
    });
    List<String> definitionIds = scope.definitionIds().isEmpty()
        ? definitions.stream().map(ProcessDefinition::getId).toList() : scope.definitionIds();
    // counting distinct instances sorts every activity instance: needed only where an element can run twice
    boolean singlePass = newestFirst.stream().allMatch(JourneyModel::singlePass);
    String sql = """
        select a.ACT_ID_ activity_id, %s reached from ACT_HI_ACTINST a
        where a.PROC_DEF_ID_ in (%s) and a.ACT_ID_ in (%s)%s group by a.ACT_ID_"""
        .formatted(singlePass ? "count(*)" : "count(distinct a.PROC_INST_ID_)",
            placeholders(definitionIds.size()), placeholders(activities.size()),
            scope.range().from() == null && scope.range().to() == null ? ""
                : " and a.PROC_INST_ID_ in (select p.ID_ from ACT_HI_PROCINST p where " + scope.instances() + ")");
    List<Object> params = new ArrayList<>(definitionIds);
    params.addAll(activities);
    if (scope.range().from() != null || scope.range().to() != null) {
      params.addAll(scope.instanceParams());
    }
    Map<String, Long> reached = new HashMap<>();
    jdbc.sql(sql).params(params).query(rs -> {
      reached.put(rs.getString("activity_id"), rs.getLong("reached"));
    });
    List<BranchShare> branches = new ArrayList<>();
    for (Split split : splits.values()) {
      long atSource = reached.getOrDefault(split.sourceId(), 0L);
      for (Flow flow : split.flows()) {
        long taken = reached.getOrDefault(flow.targetId(), 0L);
        branches.add(new BranchShare(split.sourceId(), flow.flowId(), flow.targetId(), flow.targetName(), taken,
            atSource == 0 ? 0 : (double) taken / atSource));
      }
    }
    return branches;
  }

  // ---- what a query looks at

  /**
   * The instances an answer covers: of one journey (or all), of some versions (or all), started in the range.
   *
   * @param definitionIds empty for every version
   */
  private record Scope(String journeyKey, List<String> definitionIds, AnalyticsRange range) {

    /** A condition on {@code ACT_HI_PROCINST p}. */
    String instances() {
      List<String> conditions = new ArrayList<>();
      if (journeyKey != null) {
        conditions.add("p.PROC_DEF_KEY_ = ?");
      }
      if (!definitionIds.isEmpty()) {
        conditions.add("p.PROC_DEF_ID_ in (" + placeholders(definitionIds.size()) + ")");
      }
      if (range.from() != null) {
        conditions.add("p.START_TIME_ >= ?");
      }
      if (range.to() != null) {
        conditions.add("p.START_TIME_ < ?");
      }
      return conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    }

    List<Object> instanceParams() {
      List<Object> params = new ArrayList<>();
      if (journeyKey != null) {
        params.add(journeyKey);
      }
      params.addAll(definitionIds);
      if (range.from() != null) {
        params.add(Timestamp.from(range.from()));
      }
      if (range.to() != null) {
        params.add(Timestamp.from(range.to()));
      }
      return params;
    }

    /** The instance filter is only needed for versions or a range: the ledger knows the journey itself. */
    private boolean allInstances() {
      return definitionIds.isEmpty() && range.from() == null && range.to() == null;
    }

    /**
     * {@code tp_delivery d} (the sends, not their parts) of the covered instances, joined as given, up to an
     * open where.
     */
    String deliveries(String join) {
      return "tp_delivery d " + join + (allInstances() ? " where d.journey_key = ? and d.parent_id is null"
          : " join ACT_HI_PROCINST p on p.ID_ = d.process_instance_id "
              + "where d.journey_key = ? and d.parent_id is null and " + instances());
    }

    /** {@code tp_webhook_call w} of the covered instances, up to an open where. */
    String webhookCalls() {
      return allInstances() ? "tp_webhook_call w where w.journey_key = ?"
          : "tp_webhook_call w join ACT_HI_PROCINST p on p.ID_ = w.process_instance_id "
              + "where w.journey_key = ? and " + instances();
    }

    List<Object> deliveryParams() {
      List<Object> params = new ArrayList<>();
      params.add(journeyKey);
      if (!allInstances()) {
        params.addAll(instanceParams());
      }
      return params;
    }
  }

  private JourneyModel model(String definitionId) {
    return models.computeIfAbsent(definitionId, id -> JourneyModel.of(repository.getBpmnModelInstance(id)));
  }

  private static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
