package io.touchpoint.analytics;

import io.touchpoint.analytics.JourneyModel.Flow;
import io.touchpoint.analytics.JourneyModel.Split;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a journey's instances went at each element with several outgoing flows: instances that reached each
 * target against those that reached the element, counted in the engine's activity history in one query.
 */
final class BranchShares {

  private final JdbcClient jdbc;

  BranchShares(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param definitionIds the versions covered
   * @param newestFirst   their models: a split is taken as in the newest version that has it
   */
  List<BranchShare> shares(InstanceScope scope, List<String> definitionIds, List<JourneyModel> newestFirst) {
    Map<String, Split> splits = new LinkedHashMap<>();
    newestFirst.forEach(model -> model.splits().forEach(split -> splits.putIfAbsent(split.sourceId(), split)));
    if (splits.isEmpty()) {
      return List.of();
    }
    Map<String, Long> reached = reached(scope, definitionIds, splits.values(),
        newestFirst.stream().allMatch(JourneyModel::singlePass));
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

  /** Instances that reached each split's source and targets, by activity id. */
  private Map<String, Long> reached(InstanceScope scope, List<String> definitionIds, Collection<Split> splits,
      boolean singlePass) {
    List<String> activities = new ArrayList<>();
    splits.forEach(split -> {
      activities.add(split.sourceId());
      split.flows().forEach(flow -> activities.add(flow.targetId()));
    });
    // counting distinct instances sorts every activity instance: needed only where an element can run twice
    String sql = """
        select a.ACT_ID_ activity_id, %s reached from ACT_HI_ACTINST a
        where a.PROC_DEF_ID_ in (%s) and a.ACT_ID_ in (%s)%s group by a.ACT_ID_"""
        .formatted(singlePass ? "count(*)" : "count(distinct a.PROC_INST_ID_)",
            InstanceScope.placeholders(definitionIds.size()), InstanceScope.placeholders(activities.size()),
            scope.limitsStart()
                ? " and a.PROC_INST_ID_ in (select p.ID_ from ACT_HI_PROCINST p where " + scope.instances() + ")"
                : "");
    List<Object> params = new ArrayList<>(definitionIds);
    params.addAll(activities);
    if (scope.limitsStart()) {
      params.addAll(scope.instanceParams());
    }
    Map<String, Long> reached = new HashMap<>();
    jdbc.sql(sql).params(params).query(rs -> {
      reached.put(rs.getString("activity_id"), rs.getLong("reached"));
    });
    return reached;
  }
}
