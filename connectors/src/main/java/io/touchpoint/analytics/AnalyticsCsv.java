package io.touchpoint.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV exports with stable column names (documented in the README): RFC 4180, comma separated, CRLF line
 * ends, a header line, fields quoted when they hold a comma, a quote or a line break. Numbers use a dot;
 * an empty field is a value that does not exist (no duration yet, a count the step's kind does not have).
 */
public class AnalyticsCsv {

  public static final List<String> JOURNEY_COLUMNS = List.of("journey_key", "journey_name", "versions", "started",
      "active", "completed", "drop_offs", "incidents", "goals", "conversion_rate", "avg_duration_seconds",
      "p90_duration_seconds", "held_out");

  /** Every count any kind of step has, as {@code snake_case}; a step fills those of its kind. */
  public static final List<String> COMPONENT_COUNT_COLUMNS = List.of("sent", "delivered", "read", "replied",
      "opened", "clicked", "bounced", "unsubscribed", "failed", "sms_fallback", "suppressed", "suppressed_quiet_hours",
      "suppressed_frequency_cap", "suppressed_paused", "calls", "successes", "errors", "shadow");

  public static final List<String> COMPONENT_COLUMNS = concat(
      List.of("journey_key", "activity_id", "activity_name", "kind"), COMPONENT_COUNT_COLUMNS);

  /** One line per group (variants, then the holdout) of every experiment. */
  public static final List<String> EXPERIMENT_COLUMNS = List.of("experiment_key", "conversion_event", "group",
      "weight", "entered", "converted", "rate", "rate_low", "rate_high", "lift", "lift_low", "lift_high",
      "lift_relative", "p_value", "decision", "srm_p_value", "srm_flagged");

  public String experiments(List<ExperimentReport> experiments) {
    StringBuilder csv = new StringBuilder();
    line(csv, EXPERIMENT_COLUMNS);
    for (ExperimentReport experiment : experiments) {
      List<ExperimentReport.Group> groups = new ArrayList<>(experiment.variants());
      if (experiment.holdout() != null) {
        groups.add(experiment.holdout());
      }
      for (ExperimentReport.Group group : groups) {
        ExperimentReport.GroupLift lift = group.lift();
        line(csv, List.of(experiment.key(), experiment.conversionEvent(), group.name(), decimal(group.weight(), 4),
            String.valueOf(group.entered()), String.valueOf(group.converted()), decimal(group.rate(), 6),
            decimal(group.interval().get(0), 6), decimal(group.interval().get(1), 6),
            lift == null ? "" : decimal(lift.value(), 6), lift == null ? "" : decimal(lift.interval().get(0), 6),
            lift == null ? "" : decimal(lift.interval().get(1), 6), lift == null ? "" : decimal(lift.relative(), 6),
            lift == null ? "" : decimal(lift.pValue(), 6), group.decision() == null ? "" : group.decision(),
            decimal(experiment.srm().pValue(), 6), String.valueOf(experiment.srm().flagged())));
      }
    }
    return csv.toString();
  }

  public String journeys(List<JourneyMetrics> journeys) {
    StringBuilder csv = new StringBuilder();
    line(csv, JOURNEY_COLUMNS);
    for (JourneyMetrics j : journeys) {
      line(csv, List.of(j.key(), j.name(),
          j.versions().stream().map(String::valueOf).collect(Collectors.joining(" ")),
          String.valueOf(j.started()), String.valueOf(j.active()), String.valueOf(j.completed()),
          String.valueOf(j.dropOffs()), String.valueOf(j.incidents()), String.valueOf(j.goals()),
          decimal(j.conversionRate(), 4), decimal(j.avgDurationSeconds(), 3), decimal(j.p90DurationSeconds(), 3),
          String.valueOf(j.heldOut())));
    }
    return csv.toString();
  }

  public String components(JourneyReport report) {
    StringBuilder csv = new StringBuilder();
    line(csv, COMPONENT_COLUMNS);
    for (ComponentMetrics c : report.components()) {
      List<String> fields = new ArrayList<>(List.of(report.summary().key(), c.activityId(), c.name(), c.kind()));
      for (String column : COMPONENT_COUNT_COLUMNS) {
        Long count = c.counts().get(camelCase(column));
        fields.add(count == null ? "" : String.valueOf(count));
      }
      line(csv, fields);
    }
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> fields) {
    csv.append(fields.stream().map(AnalyticsCsv::field).collect(Collectors.joining(","))).append("\r\n");
  }

  private static String field(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")) {
      return '"' + value.replace("\"", "\"\"") + '"';
    }
    return value;
  }

  private static String decimal(Double value, int scale) {
    return value == null ? "" : BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  private static String camelCase(String column) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
        upper = false;
      }
    }
    return name.toString();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
