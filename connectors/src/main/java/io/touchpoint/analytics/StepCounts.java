package io.touchpoint.analytics;

import io.touchpoint.analytics.JourneyModel.Component;
import io.touchpoint.delivery.Channel;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each channel and webhook step of a journey reached: sends, statuses, email opens and unsubscribes,
 * webhook calls, read from the delivery ledger with one aggregate query per kind of count the steps need.
 */
final class StepCounts {

  private final JdbcClient jdbc;

  StepCounts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param newestFirst the versions covered: a step is named as in the newest version that has it
   * @return each step's counts, in the order {@link Channel#analyticsCounts()} gives for its kind
   */
  List<ComponentMetrics> components(InstanceScope scope, List<JourneyModel> newestFirst) {
    Map<String, Component> steps = new LinkedHashMap<>();
    newestFirst.forEach(model -> model.components().forEach(c -> steps.putIfAbsent(c.activityId(), c)));
    if (steps.isEmpty()) {
      return List.of();
    }
    Set<Channel> kinds = steps.values().stream().map(Component::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    Map<String, Map<String, Long>> counts = new HashMap<>();
    if (!kinds.isEmpty()) {
      ledgerCounts(scope, counts);
    }
    if (!EnumSet.of(Channel.WEBHOOK).containsAll(kinds)) {
      statusCounts(scope, counts);
    }
    if (kinds.contains(Channel.EMAIL)) {
      emailCounts(scope, counts);
    }
    if (kinds.contains(Channel.WEBHOOK)) {
      webhookCounts(scope, counts);
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

  /** Sends handed to the provider, delivered as SMS instead, and recorded in shadow mode, per step. */
  private void ledgerCounts(InstanceScope scope, Map<String, Map<String, Long>> counts) {
    jdbc.sql("""
            select d.activity_id, sum(case when d.outcome = 'ACCEPTED' then 1 else 0 end) sent,
              sum(case when d.delivered_via = 'SMS' then 1 else 0 end) sms_fallback,
              sum(case when d.outcome = 'SHADOW' then 1 else 0 end) shadow
            from %s group by d.activity_id""".formatted(scope.deliveries("")))
        .params(scope.deliveryParams()).query(rs -> {
          add(counts, rs.getString(1), "sent", rs.getLong("sent"));
          add(counts, rs.getString(1), "smsFallback", rs.getLong("sms_fallback"));
          add(counts, rs.getString(1), "shadow", rs.getLong("shadow"));
        });
  }

  /** Each status reached, and what the governor suppressed, per step. */
  private void statusCounts(InstanceScope scope, Map<String, Map<String, Long>> counts) {
    jdbc.sql("""
            select d.activity_id, s.status, count(*) reached
            from %s and s.status not in ('SENT', 'SUPPRESSED') group by d.activity_id, s.status"""
            .formatted(scope.deliveries("join tp_delivery_status s on s.delivery_id = d.id")))
        .params(scope.deliveryParams())
        .query((RowCallbackHandler) rs -> add(counts, rs.getString(1), statusName(rs.getString("status")),
            rs.getLong("reached")));
    suppressedCounts(scope, counts);
  }

  /**
   * Sends the governor suppressed, in all and per reason ({@code suppressedQuietHours}, ...), from the ledger: whether
   * or not the diagram had a "suppressed" branch for them.
   */
  private void suppressedCounts(InstanceScope scope, Map<String, Map<String, Long>> counts) {
    jdbc.sql("""
            select d.activity_id, d.outcome_reason, count(*) suppressed
            from %s and d.outcome = 'SKIPPED' and d.outcome_code = 'SUPPRESSED'
            group by d.activity_id, d.outcome_reason""".formatted(scope.deliveries("")))
        .params(scope.deliveryParams())
        .query((RowCallbackHandler) rs -> {
          add(counts, rs.getString(1), "suppressed", rs.getLong("suppressed"));
          add(counts, rs.getString(1), suppressedBecause(rs.getString(2)), rs.getLong("suppressed"));
        });
  }

  /** {@code suppressed: quiet-hours} becomes {@code suppressedQuietHours}. */
  private static String suppressedBecause(String outcomeReason) {
    StringBuilder name = new StringBuilder("suppressed");
    String reason = outcomeReason == null ? "" : outcomeReason.replaceFirst("^suppressed: ", "");
    for (String word : reason.split("-")) {
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return name.toString();
  }

  /**
   * Unsubscribes, and (if asked for) emails opened only by an image proxy or a link scanner and
   * clicked only by a link scanner, per step.
   */
  private void emailCounts(InstanceScope scope, Map<String, Map<String, Long>> counts) {
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

  /** Webhook calls made, answered with success, and failed, per step. */
  private void webhookCounts(InstanceScope scope, Map<String, Map<String, Long>> counts) {
    jdbc.sql("""
            select w.activity_id, count(*) calls, sum(case when w.error_code is null then 1 else 0 end) successes
            from %s group by w.activity_id""".formatted(scope.webhookCalls()))
        .params(scope.deliveryParams()).query(rs -> {
          add(counts, rs.getString(1), "calls", rs.getLong("calls"));
          add(counts, rs.getString(1), "successes", rs.getLong("successes"));
          add(counts, rs.getString(1), "errors", rs.getLong("calls") - rs.getLong("successes"));
        });
  }

  private static String statusName(String status) {
    return status.toLowerCase(Locale.ROOT);
  }

  private static void add(Map<String, Map<String, Long>> counts, String activityId, String name, long value) {
    counts.computeIfAbsent(activityId, a -> new HashMap<>()).merge(name, value, Long::sum);
  }
}
