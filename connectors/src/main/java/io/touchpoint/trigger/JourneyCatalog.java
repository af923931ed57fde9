package io.touchpoint.trigger;

import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

/**
 * Which deployed journeys start on which business event. Reads the latest version of every
 * process definition (so a deployment on another node is seen at once); what a definition
 * listens to never changes, so that part is cached by definition id.
 */
public class JourneyCatalog {

  /** A journey's Start component. */
  public record JourneyStart(String definitionId, String journeyKey, String eventName, ReentryRule reentry) {
  }

  private final RepositoryService repositoryService;
  private final Map<String, Optional<JourneyStart>> startByDefinitionId = new ConcurrentHashMap<>();

  public JourneyCatalog(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public List<JourneyStart> startingOn(String eventName) {
    return repositoryService.createProcessDefinitionQuery().latestVersion().active().list().stream()
        .map(definition -> startByDefinitionId.computeIfAbsent(definition.getId(), id -> readStart(definition)))
        .flatMap(Optional::stream)
        .filter(start -> start.eventName().equals(eventName))
        .toList();
  }

  private Optional<JourneyStart> readStart(ProcessDefinition definition) {
    return repositoryService.getBpmnModelInstance(definition.getId())
        .getModelElementsByType(StartEvent.class).stream()
        .filter(start -> start.getParentElement() instanceof Process)
        .flatMap(start -> startOf(definition, start).stream())
        .findFirst();
  }

  private static Optional<JourneyStart> startOf(ProcessDefinition definition, StartEvent start) {
    Map<String, String> properties = TouchpointElements.properties(start);
    String event = properties.get(TouchpointElements.START_EVENT);
    if (event == null || event.isBlank()) {
      return Optional.empty();
    }
    ReentryRule reentry = ReentryRule.fromWireName(properties.getOrDefault(TouchpointElements.REENTRY, ""))
        .orElse(ReentryRule.NOT_WHILE_ACTIVE);
    return Optional.of(new JourneyStart(definition.getId(), definition.getKey(), event.trim(), reentry));
  }
}
