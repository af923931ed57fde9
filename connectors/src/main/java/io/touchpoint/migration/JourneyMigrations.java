package io.touchpoint.migration;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.audit.OperatorAction;
import io.touchpoint.audit.OperatorActions;
import io.touchpoint.migration.MigrationPlanner.PlannedMigration;
import io.touchpoint.migration.MigrationProgress.Failure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Migrations of running journeys: previewed, started as a Camunda batch, audited, and followed. */
public class JourneyMigrations {

  static final String ACTION = "migrate";

  /** How the engine names the instance a migration failed for. */
  private static final Pattern INSTANCE = Pattern.compile("process instance '([^']+)'");
  private static final int CHUNK = 500;

  private final MigrationPlanner planner;
  private final JourneyVersions versions;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final HistoryService history;
  private final OperatorActions audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public JourneyMigrations(JourneyVersions versions, RuntimeService runtime, ManagementService management,
      HistoryService history, OperatorActions audit, PlatformTransactionManager transactionManager, Clock clock) {
    this.planner = new MigrationPlanner(versions, runtime);
    this.versions = versions;
    this.runtime = runtime;
    this.management = management;
    this.history = history;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  public MigrationPreview preview(String key, MigrationRequest request) {
    return planner.plan(key, request).preview();
  }

  /** Starts the migration as a batch; answers its id. Contacts at unmappable steps need {@code allowDrop}. */
  public String start(String key, MigrationRequest request, String requestedBy) {
    PlannedMigration planned = planner.plan(key, request);
    MigrationPreview preview = planned.preview();
    List<String> unmappable = preview.unmappableSteps();
    if (!unmappable.isEmpty() && !request.dropAllowed()) {
      throw new InvalidRequestException(List.of(new FieldProblem("allowDrop", preview.unmappable()
          + " contacts wait at steps version " + request.to() + " cannot take " + unmappable
          + "; map those steps in 'mapping', or set allowDrop to true to leave them on version " + request.from())));
    }
    Set<String> left = new HashSet<>();
    if (!unmappable.isEmpty()) {
      runtime.createProcessInstanceQuery().processDefinitionId(planned.source().getId())
          .activityIdIn(unmappable.toArray(String[]::new)).list().forEach(instance -> left.add(instance.getId()));
    }
    Map<String, String> instances = new LinkedHashMap<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery()
        .processDefinitionId(planned.source().getId()).list()) {
      if (!left.contains(instance.getId())) {
        instances.put(instance.getId(), instance.getBusinessKey());
      }
    }
    if (instances.isEmpty()) {
      throw new InvalidRequestException(List.of(new FieldProblem("from",
          "no contact in version " + request.from() + " can be migrated")));
    }
    return transaction.execute(tx -> {
      Batch batch = runtime.newMigration(planned.plan()).processInstanceIds(List.copyOf(instances.keySet()))
          .executeAsync();
      audit.record(new OperatorAction(batch.getId(), key, ACTION, null, null, request.from(), request.to(),
          instances.size(), List.of(batch.getId()), requestedBy, request.reason(), clock.instant()), instances);
      return batch.getId();
    });
  }

  public MigrationProgress progress(String key, String id) {
    OperatorAction action = audit.find(key, id).filter(found -> ACTION.equals(found.action()))
        .orElseThrow(() -> new NotFoundException("Journey '" + key + "' has no migration '" + id + "'"));
    Map<String, String> instances = audit.instances(id);
    String target = versions.definition(key, action.toVersion(), "to").getId();
    Batch batch = management.createBatchQuery().batchId(action.batchIds().get(0)).singleResult();
    List<Failure> failures = new ArrayList<>();
    String state = "completed";
    if (batch != null) {
      for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).withException()
          .list()) {
        failures.addAll(failuresIn(job.getExceptionMessage(), instances));
      }
      BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(batch.getId()).singleResult();
      long remaining = statistics == null ? 0 : statistics.getRemainingJobs();
      long gaveUp = statistics == null ? 0 : statistics.getFailedJobs();
      if (batch.getJobsCreated() < batch.getTotalJobs() || remaining > gaveUp) {
        state = "running";
      } else if (gaveUp > 0) {
        state = "failed";
      }
    }
    // counted after the batch's state was read: a batch that finishes in between must not read as completed with
    // fewer contacts migrated than it moved
    long migrated = 0;
    List<String> ids = List.copyOf(instances.keySet());
    for (int start = 0; start < ids.size(); start += CHUNK) {
      Set<String> chunk = new HashSet<>(ids.subList(start, Math.min(ids.size(), start + CHUNK)));
      migrated += history.createHistoricProcessInstanceQuery().processInstanceIds(chunk)
          .processDefinitionId(target).count();
    }
    return new MigrationProgress(id, key, action.fromVersion(), action.toVersion(), state, action.contacts(),
        migrated, failures.size(), failures, action.requestedBy(), action.requestedAt(), action.reason());
  }

  private static List<Failure> failuresIn(String message, Map<String, String> instances) {
    List<Failure> failures = new ArrayList<>();
    Matcher named = INSTANCE.matcher(message == null ? "" : message);
    while (named.find()) {
      if (instances.containsKey(named.group(1))) {
        failures.add(new Failure(instances.get(named.group(1)), named.group(1), message));
      }
    }
    if (failures.isEmpty()) {
      failures.add(new Failure(null, null, message));
    }
    return failures;
  }
}
