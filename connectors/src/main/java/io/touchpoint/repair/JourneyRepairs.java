package io.touchpoint.repair;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.audit.OperatorAction;
import io.touchpoint.audit.OperatorActions;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.migration.JourneyVersions;
import io.touchpoint.repair.StuckContacts.Waiting;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ModificationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stuck contacts, and repairs of the contacts at one step carried out by the engine's batches: retry (failed jobs
 * get a retry), skip (the step is cancelled and the journey goes on after it), move (to another step), cancel (the
 * journeys end). Each repair is audited with who asked, when and why.
 */
public class JourneyRepairs {

  private static final Set<String> ACTIONS = Set.of("retry", "skip", "move", "cancel");

  /** What a repair was started for. */
  public record Started(String id, int contacts, List<String> batches, List<String> notAtStep) {
  }

  private final JourneyVersions versions;
  private final StuckContacts stuck;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final OperatorActions audit;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public JourneyRepairs(JourneyVersions versions, JdbcClient jdbc, RuntimeService runtime,
      ManagementService management, OperatorActions audit, PlatformTransactionManager transactionManager,
      Clock clock) {
    this.versions = versions;
    this.stuck = new StuckContacts(jdbc);
    this.runtime = runtime;
    this.management = management;
    this.audit = audit;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  public StuckReport stuck(String key, String olderThan) {
    versions.latest(key);
    return stuck.of(key, duration(olderThan == null ? "PT1H" : olderThan));
  }

  public List<OperatorAction> actions(String key) {
    versions.latest(key);
    return audit.of(key, 200);
  }

  public Started start(String key, RepairRequest request, String requestedBy) {
    versions.latest(key);
    List<FieldProblem> problems = new ArrayList<>();
    if (!ACTIONS.contains(request.action())) {
      problems.add(new FieldProblem("action", "must be one of retry, skip, move, cancel"));
    }
    if (!versions.hasStep(key, request.step())) {
      problems.add(new FieldProblem("step", "no version of journey '" + key + "' has a step '" + request.step() + "'"));
    }
    if ("move".equals(request.action()) && (request.to() == null || !versions.hasStep(key, request.to()))) {
      problems.add(new FieldProblem("to", request.to() == null ? "must name the step to move the contacts to"
          : "no version of journey '" + key + "' has a step '" + request.to() + "'"));
    }
    if (!"move".equals(request.action()) && request.to() != null) {
      problems.add(new FieldProblem("to", "is only for 'move'"));
    }
    Duration olderThan = request.olderThan() == null ? null : duration(request.olderThan());
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
    List<String> notAtStep = new ArrayList<>();
    Map<String, Map<String, String>> byVersion = instancesAt(key, request, olderThan, notAtStep);
    int contacts = byVersion.values().stream().mapToInt(Map::size).sum();
    if (contacts == 0) {
      throw new InvalidRequestException(List.of(new FieldProblem(request.contacts() == null ? "step" : "contacts",
          "no contact of journey '" + key + "' is at step '" + request.step() + "'"
              + ("retry".equals(request.action()) ? " with a failed job" : ""))));
    }
    String id = UUID.randomUUID().toString();
    return transaction.execute(tx -> {
      List<String> batches = new ArrayList<>();
      Map<String, String> all = new LinkedHashMap<>();
      byVersion.forEach((definitionId, instances) -> {
        batches.add(carryOut(request, definitionId, instances, key).getId());
        all.putAll(instances);
      });
      audit.record(new OperatorAction(id, key, request.action(), request.step(), request.to(), null, null, contacts,
          batches, requestedBy, request.reason(), clock.instant()), all);
      return new Started(id, contacts, batches, notAtStep);
    });
  }

  private Batch carryOut(RepairRequest request, String definitionId, Map<String, String> instances, String key) {
    List<String> ids = List.copyOf(instances.keySet());
    try {
      return switch (request.action()) {
        case "retry" -> management.setJobRetriesAsync(failedJobs(request.step(), instances.keySet()), 1);
        case "cancel" -> runtime.deleteProcessInstancesAsync(ids, null, ErrorCode.OPS_001 + " cancelled by an operator: "
            + request.reason());
        default -> {
          ModificationBuilder modification = runtime.createModification(definitionId)
              .cancelAllForActivity(request.step());
          modification = "skip".equals(request.action()) ? modification.startAfterActivity(request.step())
              : modification.startBeforeActivity(request.to());
          yield modification.processInstanceIds(ids).executeAsync();
        }
      };
    } catch (ProcessEngineException refused) {
      throw new InvalidRequestException(List.of(new FieldProblem("skip".equals(request.action()) ? "step"
          : "move".equals(request.action()) ? "to" : "action", ErrorCode.OPS_002 + " the engine refused: "
          + refused.getMessage())));
    }
  }

  /**
   * The journey instances the repair is for, by the version they run: the contacts named that are at the step, or
   * all at the step; for a retry, those whose job at the step failed for good.
   */
  private Map<String, Map<String, String>> instancesAt(String key, RepairRequest request, Duration olderThan,
      List<String> notAtStep) {
    Map<String, Map<String, String>> byVersion = new LinkedHashMap<>();
    if ("retry".equals(request.action())) {
      for (ProcessInstance instance : withFailedJobs(key, request.step())) {
        if (request.contacts() == null || request.contacts().contains(instance.getBusinessKey())) {
          byVersion.computeIfAbsent(instance.getProcessDefinitionId(), v -> new LinkedHashMap<>())
              .put(instance.getId(), instance.getBusinessKey());
        }
      }
      if (request.contacts() != null) {
        Set<String> found = byVersion.values().stream().flatMap(instances -> instances.values().stream())
            .collect(Collectors.toSet());
        request.contacts().stream().filter(contact -> !found.contains(contact)).forEach(notAtStep::add);
      }
      return byVersion;
    }
    if (request.contacts() != null) {
      for (String contact : request.contacts()) {
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processDefinitionKey(key)
            .processInstanceBusinessKey(contact).activityIdIn(request.step()).list();
        if (instances.isEmpty()) {
          notAtStep.add(contact);
        }
        instances.forEach(instance -> byVersion.computeIfAbsent(instance.getProcessDefinitionId(),
            v -> new LinkedHashMap<>()).put(instance.getId(), contact));
      }
    } else if (olderThan != null) {
      for (Waiting waiting : stuck.waiting(key, request.step(), olderThan)) {
        byVersion.computeIfAbsent(waiting.definitionId(), v -> new LinkedHashMap<>())
            .put(waiting.processInstanceId(), waiting.contact());
      }
    } else {
      runtime.createProcessInstanceQuery().processDefinitionKey(key).activityIdIn(request.step()).list()
          .forEach(instance -> byVersion.computeIfAbsent(instance.getProcessDefinitionId(),
              v -> new LinkedHashMap<>()).put(instance.getId(), instance.getBusinessKey()));
    }
    return byVersion;
  }

  /**
   * The journey's instances whose job at the step failed for good. Jobs are found by step, then kept by their
   * instance's journey: the send pipeline's retry jobs name no process definition.
   */
  private List<ProcessInstance> withFailedJobs(String key, String step) {
    Set<String> instances = management.createJobQuery().activityId(step).noRetriesLeft().list().stream()
        .map(Job::getProcessInstanceId).filter(Objects::nonNull).collect(Collectors.toSet());
    return instances.isEmpty() ? List.of()
        : runtime.createProcessInstanceQuery().processDefinitionKey(key).processInstanceIds(instances).list();
  }

  private List<String> failedJobs(String step, Set<String> instances) {
    return management.createJobQuery().activityId(step).noRetriesLeft().list().stream()
        .filter(job -> instances.contains(job.getProcessInstanceId())).map(Job::getId).toList();
  }

  private static Duration duration(String text) {
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative()) {
        throw new DateTimeParseException("negative", text, 0);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(List.of(new FieldProblem("olderThan",
          "must be an ISO-8601 duration such as PT1H or P2D")));
    }
  }
}
