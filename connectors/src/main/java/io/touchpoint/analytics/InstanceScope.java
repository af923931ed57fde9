package io.touchpoint.analytics;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The instances an answer covers: of one journey (or all), of some versions (or all live ones), started in the
 * range; as SQL conditions and their parameters.
 *
 * @param journeyKey    null for every journey
 * @param definitionIds empty for the versions a journey's figures cover by default (all but those in shadow mode)
 * @param shadowDefinitionIds versions in shadow mode left out when {@code definitionIds} is empty: their contacts
 *                      also ran through a live version, and their sends were never made
 */
record InstanceScope(String journeyKey, List<String> definitionIds, List<String> shadowDefinitionIds,
    AnalyticsRange range) {

  InstanceScope {
    definitionIds = List.copyOf(definitionIds);
    shadowDefinitionIds = definitionIds.isEmpty() ? List.copyOf(shadowDefinitionIds) : List.of();
  }

  /** Every journey's live instances started in the range. */
  static InstanceScope allJourneys(List<String> shadowDefinitionIds, AnalyticsRange range) {
    return new InstanceScope(null, List.of(), shadowDefinitionIds, range);
  }

  /** A condition on {@code ACT_HI_PROCINST p}. */
  String instances() {
    List<String> conditions = new ArrayList<>();
    if (journeyKey != null) {
      conditions.add("p.PROC_DEF_KEY_ = ?");
    }
    if (!definitionIds.isEmpty()) {
      conditions.add("p.PROC_DEF_ID_ in (" + placeholders(definitionIds.size()) + ")");
    }
    if (!shadowDefinitionIds.isEmpty()) {
      conditions.add("p.PROC_DEF_ID_ not in (" + placeholders(shadowDefinitionIds.size()) + ")");
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
    params.addAll(shadowDefinitionIds);
    if (range.from() != null) {
      params.add(Timestamp.from(range.from()));
    }
    if (range.to() != null) {
      params.add(Timestamp.from(range.to()));
    }
    return params;
  }

  /** Whether the range leaves out instances by their start. */
  boolean limitsStart() {
    return range.from() != null || range.to() != null;
  }

  /** The instance filter is only needed for versions or a range: the ledger knows the journey itself. */
  private boolean allInstances() {
    return definitionIds.isEmpty() && shadowDefinitionIds.isEmpty() && !limitsStart();
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

  /** The parameters of {@link #deliveries} and {@link #webhookCalls}. */
  List<Object> deliveryParams() {
    List<Object> params = new ArrayList<>();
    params.add(journeyKey);
    if (!allInstances()) {
      params.addAll(instanceParams());
    }
    return params;
  }

  /** {@code ?, ?, ?} for an {@code in} list of {@code count} values. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
