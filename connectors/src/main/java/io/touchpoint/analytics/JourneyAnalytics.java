package io.touchpoint.analytics;

import io.touchpoint.analytics.InstanceOutcomes.Durations;
import io.touchpoint.analytics.InstanceOutcomes.EndingCount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Journey analytics, computed from the engine's history ({@code ACT_HI_PROCINST}, {@code ACT_HI_ACTINST},
 * {@code ACT_HI_INCIDENT}) and Touchpoint's ledger with a handful of aggregate queries per answer (plain SQL,
 * the same on H2 and PostgreSQL), so journeys with a hundred thousand instances answer in well under a second.
 * How an instance ended is read from its end event's {@code touchpoint.outcome} in the version it ran.
 *
 * <p>This class picks the deployed versions an answer covers and puts it together; each part is computed by its
 * own class: {@link InstanceOutcomes} (summary), {@link Timeline}, {@link StepCounts} and {@link BranchShares}.
 */
public class JourneyAnalytics {

  private final RepositoryService repository;
  private final JourneyModels models;
  private final InstanceOutcomes outcomes;
  private final Timeline timeline;
  private final StepCounts steps;
  private final BranchShares branches;

  public JourneyAnalytics(JdbcClient jdbc, RepositoryService repository, Clock clock) {
    this.repository = repository;
    this.models = new JourneyModels(repository);
    this.outcomes = new InstanceOutcomes(jdbc);
    this.timeline = new Timeline(clock);
    this.steps = new StepCounts(jdbc);
    this.branches = new BranchShares(jdbc);
  }

  /** Every deployed journey, by key, with its figures over the instances started in the range. */
  public List<JourneyMetrics> journeys(AnalyticsRange range) {
    Map<String, List<ProcessDefinition>> byKey = repository.createProcessDefinitionQuery()
        .orderByProcessDefinitionKey().asc().orderByProcessDefinitionVersion().asc().list().stream()
        .collect(Collectors.groupingBy(ProcessDefinition::getKey, TreeMap::new, Collectors.toList()));
    Map<String, ProcessDefinition> definitions = byKey.values().stream().flatMap(versions -> covered(versions).stream())
        .collect(Collectors.toMap(ProcessDefinition::getId, d -> d));
    InstanceScope scope = InstanceScope.allJourneys(byKey.values().stream().flatMap(List::stream)
        .map(ProcessDefinition::getId).filter(id -> !definitions.containsKey(id)).toList(), range);
    Map<String, OutcomeTally> tallies = new HashMap<>();
    for (EndingCount row : outcomes.endings(scope, definitions.keySet().stream().map(models::of).toList())) {
      ProcessDefinition definition = definitions.get(row.definitionId());
      if (definition != null) {
        tallies.computeIfAbsent(definition.getKey(), k -> new OutcomeTally()).add(row, models.of(definition.getId()));
      }
    }
    Map<String, Durations> durations = outcomes.durations(scope);
    List<JourneyMetrics> journeys = new ArrayList<>();
    byKey.forEach((key, versions) -> journeys.add(tallies.getOrDefault(key, new OutcomeTally())
        .metrics(versions, durations.getOrDefault(key, Durations.NONE))));
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
    List<ProcessDefinition> chosen = version == null ? covered(all)
        : all.stream().filter(d -> d.getVersion() == version).toList();
    if (chosen.isEmpty()) {
      throw new UnknownJourneyException(journeyKey, version);
    }
    InstanceScope scope = new InstanceScope(journeyKey,
        version == null ? List.of() : List.of(chosen.get(0).getId()),
        all.stream().filter(d -> !chosen.contains(d)).map(ProcessDefinition::getId).toList(), range);
    OutcomeTally tally = new OutcomeTally();
    Map<Instant, OutcomeTally> byHour = new TreeMap<>();
    for (EndingCount row : outcomes.endingsByHour(scope, chosen.stream().map(d -> models.of(d.getId())).toList())) {
      JourneyModel model = models.of(row.definitionId());
      tally.add(row, model);
      byHour.computeIfAbsent(row.hour(), h -> new OutcomeTally()).add(row, model);
    }
    JourneyMetrics summary = tally.metrics(all,
        outcomes.durations(scope).getOrDefault(journeyKey, Durations.NONE));
    List<ProcessDefinition> newestFirst = new ArrayList<>(chosen);
    newestFirst.sort(Comparator.comparingInt(ProcessDefinition::getVersion).reversed());
    List<JourneyModel> versionModels = newestFirst.stream().map(d -> models.of(d.getId())).toList();
    return new JourneyReport(summary, timeline.points(byHour, range), steps.components(scope, versionModels),
        branches.shares(scope, chosen.stream().map(ProcessDefinition::getId).toList(), versionModels));
  }

  /**
   * The versions a journey's figures cover when no version is asked for: the live ones. A version in shadow mode
   * is reported only on its own (its contacts ran through a live version too), unless the journey has no other.
   */
  private List<ProcessDefinition> covered(List<ProcessDefinition> versions) {
    List<ProcessDefinition> live = versions.stream().filter(d -> !models.of(d.getId()).shadow()).toList();
    return live.isEmpty() ? versions : live;
  }
}
