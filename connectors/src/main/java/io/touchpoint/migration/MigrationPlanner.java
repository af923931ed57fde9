package io.touchpoint.migration;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.migration.MigrationPreview.StepMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Maps the steps of one version of a journey to another: by id, or as the request's mapping says. A step is left
 * out when the target has no step for it, when the engine refuses the pair, or when it waits for the statuses of a
 * send the target version would not wait on. Timers and status subscriptions keep their triggers: a migrated
 * contact waits for the same delivery and the same due date.
 */
class MigrationPlanner {

  /** The plan the engine runs, and what it means for the contacts now in {@code from}. */
  record PlannedMigration(ProcessDefinition source, ProcessDefinition target, MigrationPlan plan,
      MigrationPreview preview) {
  }

  private final JourneyVersions versions;
  private final RuntimeService runtime;

  MigrationPlanner(JourneyVersions versions, RuntimeService runtime) {
    this.versions = versions;
    this.runtime = runtime;
  }

  PlannedMigration plan(String key, MigrationRequest request) {
    ProcessDefinition source = versions.definition(key, request.from(), "from");
    ProcessDefinition target = versions.definition(key, request.to(), "to");
    if (source.getId().equals(target.getId())) {
      throw new InvalidRequestException(List.of(new FieldProblem("to", "must differ from 'from'")));
    }
    JourneyGraph from = versions.graph(source.getId());
    JourneyGraph to = versions.graph(target.getId());
    checkMapping(request.mappingOrNone(), from, to, request);

    Map<String, String> targets = new LinkedHashMap<>();
    Map<String, String> problems = new HashMap<>();
    for (String step : from.names().keySet()) {
      String mapped = request.mappingOrNone().getOrDefault(step, to.has(step) ? step : null);
      if (mapped == null) {
        problems.put(step, "version " + request.to() + " has no step '" + step + "'; map it to one in 'mapping'");
      } else {
        targets.put(step, mapped);
      }
    }
    from.statusWaits().forEach((step, send) -> {
      String mapped = targets.get(step);
      if (mapped == null) {
        return;
      }
      String sendThere = targets.get(send);
      String awaitedThere = to.statusWaits().get(mapped);
      String problem = null;
      if (sendThere == null) {
        problem = "waits for a status of send '" + send + "', which version " + request.to() + " no longer has";
      } else if (!sendThere.equals(awaitedThere)) {
        problem = "waits for a status of send '" + send + "', but '" + mapped + "' in version " + request.to()
            + (awaitedThere == null ? " waits for no delivery status" : " waits for one of '" + awaitedThere + "'");
      }
      if (problem != null) {
        problems.put(step, problem);
        targets.remove(step);
      }
    });
    MigrationPlan plan = build(source, target, targets, problems);

    List<StepMapping> steps = new ArrayList<>();
    long contacts = 0;
    long unmappable = 0;
    for (JourneyVersions.Step step : versions.steps(source.getId())) {
      StepMapping mapping = new StepMapping(step.id(), step.name(), step.waiting(), targets.get(step.id()),
          targets.containsKey(step.id()) ? null : problems.get(step.id()));
      steps.add(mapping);
      contacts += step.waiting();
      unmappable += mapping.mappable() ? 0 : step.waiting();
    }
    return new PlannedMigration(source, target, plan,
        new MigrationPreview(source.getKey(), request.from(), request.to(), contacts, unmappable, steps));
  }

  /** The engine's plan of the mappable steps; pairs the engine refuses (a timer mapped to a task...) are left out. */
  private MigrationPlan build(ProcessDefinition source, ProcessDefinition target, Map<String, String> targets,
      Map<String, String> problems) {
    while (true) {
      MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
      targets.forEach(builder::mapActivities);
      try {
        return builder.build();
      } catch (MigrationPlanValidationException refused) {
        List<MigrationInstructionValidationReport> reports = refused.getValidationReport().getInstructionReports();
        if (reports.isEmpty()) {
          throw refused;
        }
        for (MigrationInstructionValidationReport report : reports) {
          String step = report.getMigrationInstruction().getSourceActivityId();
          problems.put(step, String.join("; ", report.getFailures()));
          targets.remove(step);
        }
      }
    }
  }

  private static void checkMapping(Map<String, String> mapping, JourneyGraph from, JourneyGraph to,
      MigrationRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    mapping.forEach((step, target) -> {
      if (!from.has(step)) {
        problems.add(new FieldProblem("mapping." + step, "version " + request.from() + " has no step '" + step + "'"));
      } else if (target == null || !to.has(target)) {
        problems.add(new FieldProblem("mapping." + step, "version " + request.to() + " has no step '" + target + "'"));
      }
    });
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }
}
