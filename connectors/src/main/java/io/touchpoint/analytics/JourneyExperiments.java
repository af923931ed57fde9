package io.touchpoint.analytics;

import io.touchpoint.experiment.ExperimentAssignments.GroupCount;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.experiment.ExperimentDesign;
import io.touchpoint.experiment.ExperimentSplit;
import io.touchpoint.experiment.VariantWeights;
import io.touchpoint.experiment.stats.ExperimentAnalysis;
import io.touchpoint.experiment.stats.ExperimentStatistics;
import io.touchpoint.experiment.stats.VariantCounts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * A journey's experiments at this look: the newest version's splits and holdout (their weights), the
 * assignments and conversions counted so far in every version, and {@link ExperimentStatistics} over them at
 * 95 %. Groups the newest version no longer has are not shown.
 */
public class JourneyExperiments {

  static final double ALPHA = 0.05;

  private final RepositoryService repository;
  private final ExperimentAssignments assignments;

  public JourneyExperiments(RepositoryService repository, ExperimentAssignments assignments) {
    this.repository = repository;
    this.assignments = assignments;
  }

  /** @throws UnknownJourneyException when no such journey is deployed */
  public List<ExperimentReport> experiments(String journeyKey) {
    ProcessDefinition newest = repository.createProcessDefinitionQuery().processDefinitionKey(journeyKey)
        .latestVersion().singleResult();
    if (newest == null) {
      throw new UnknownJourneyException(journeyKey, null);
    }
    ExperimentDesign design = design(newest);
    Map<String, Map<String, GroupCount>> counts = new HashMap<>();
    for (GroupCount count : assignments.counts(journeyKey)) {
      counts.computeIfAbsent(count.experimentKey(), k -> new HashMap<>()).put(count.group(), count);
    }
    List<ExperimentReport> reports = new ArrayList<>();
    double treated = 1 - design.holdoutPercent() / 100.0;
    for (ExperimentSplit split : design.splits()) {
      Map<String, GroupCount> groups = counts.getOrDefault(split.key(), Map.of());
      List<VariantCounts> variants = new ArrayList<>();
      split.weights().percent().forEach((variant, percent) ->
          variants.add(counted(variant, percent / 100.0 * treated, groups)));
      ExperimentAnalysis analysis = design.holdoutPercent() == 0
          ? ExperimentStatistics.analyse(variants, VariantWeights.CONTROL, ALPHA)
          : ExperimentStatistics.analyse(variants, VariantWeights.CONTROL,
              counted(ExperimentSplit.HOLDOUT, design.holdoutPercent() / 100.0, groups), ALPHA);
      reports.add(new ExperimentReport(split.key(), split.conversionEvent(),
          analysis.variants().stream().map(ExperimentReport.Group::of).toList(),
          analysis.holdout() == null ? null : ExperimentReport.Group.of(analysis.holdout()),
          ExperimentReport.SrmCheck.of(analysis.srm())));
    }
    return reports;
  }

  /** The newest version's splits and holdout, and each variant's sequence flow (for the diagram overlay). */
  public ExperimentDesign design(String journeyKey) {
    ProcessDefinition newest = repository.createProcessDefinitionQuery().processDefinitionKey(journeyKey)
        .latestVersion().singleResult();
    if (newest == null) {
      throw new UnknownJourneyException(journeyKey, null);
    }
    return design(newest);
  }

  private ExperimentDesign design(ProcessDefinition definition) {
    return ExperimentDesign.of(repository.getBpmnModelInstance(definition.getId()), definition.getKey());
  }

  private static VariantCounts counted(String group, double weight, Map<String, GroupCount> groups) {
    GroupCount count = groups.get(group);
    return new VariantCounts(group, weight, count == null ? 0 : count.entered(), count == null ? 0 : count.converted());
  }
}
