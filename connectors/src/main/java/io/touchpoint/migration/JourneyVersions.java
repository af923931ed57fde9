package io.touchpoint.migration;

import io.touchpoint.api.NotFoundException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/** The deployed versions of a journey, and where their running contacts are. */
public class JourneyVersions {

  /** One version: when it was deployed, how many contacts run in it, and how many wait at each step. */
  public record Version(int version, String id, Instant deployedAt, long running, List<Step> steps) {
  }

  /** A step with contacts: how many wait there, and how many of them have an incident. */
  public record Step(String id, String name, long waiting, long incidents) {
  }

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final Map<String, JourneyGraph> graphs = new ConcurrentHashMap<>();

  public JourneyVersions(RepositoryService repository, RuntimeService runtime, ManagementService management) {
    this.repository = repository;
    this.runtime = runtime;
    this.management = management;
  }

  public List<Version> of(String key) {
    List<ProcessDefinition> definitions = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .orderByProcessDefinitionVersion().asc().list();
    if (definitions.isEmpty()) {
      throw unknownJourney(key);
    }
    return definitions.stream().map(definition -> new Version(definition.getVersion(), definition.getId(),
        repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult()
            .getDeploymentTime().toInstant(),
        runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count(),
        steps(definition.getId()))).toList();
  }

  /** The steps of a version where contacts are, in the diagram's order. */
  public List<Step> steps(String definitionId) {
    JourneyGraph graph = graph(definitionId);
    List<String> order = List.copyOf(graph.names().keySet());
    return management.createActivityStatisticsQuery(definitionId).includeIncidents().list().stream()
        .filter(statistics -> statistics.getInstances() > 0)
        .sorted(Comparator.comparingInt((ActivityStatistics statistics) -> order.indexOf(statistics.getId())))
        .map(statistics -> new Step(statistics.getId(), graph.nameOf(statistics.getId()), statistics.getInstances(),
            statistics.getIncidentStatistics().stream().mapToLong(incidents -> incidents.getIncidentCount()).sum()))
        .toList();
  }

  /** @param field the request field that named the version, for the 404's sentence */
  public ProcessDefinition definition(String key, int version, String field) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
        throw unknownJourney(key);
      }
      throw new NotFoundException("Journey '" + key + "' has no version " + version + " (" + field + ")");
    }
    return definition;
  }

  /** The latest version of a journey. */
  public ProcessDefinition latest(String key) {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .latestVersion().singleResult();
    if (definition == null) {
      throw unknownJourney(key);
    }
    return definition;
  }

  /** Whether some version of the journey has that step. */
  public boolean hasStep(String key, String step) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).list().stream()
        .anyMatch(definition -> graph(definition.getId()).has(step));
  }

  JourneyGraph graph(String definitionId) {
    return graphs.computeIfAbsent(definitionId, id -> JourneyGraph.of(repository.getBpmnModelInstance(id)));
  }

  private static NotFoundException unknownJourney(String key) {
    return new NotFoundException("No journey '" + key + "' is deployed");
  }
}
