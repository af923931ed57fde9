package io.touchpoint.trigger;

import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import java.util.ArrayList;
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
 * listens to never changes, so that part is cached by definition id. A latest version in shadow mode runs beside
 * the journey's newest live version: both start, the live one first.
 */
public class JourneyCatalog {

  /** A journey's Start component. */
  public record JourneyStart(String definitionId, String journeyKey, String eventName, ReentryRule reentry,
      boolean shadow) {

    /**
     * What the contact's entries are kept under: a shadow version's apart from the live one's, so each applies its
     * re-entry rule to its own runs.
     */
    public String entryKey() {
      return shadow ? "shadow:" + journeyKey : journeyKey;
    }
  }

  private final RepositoryService repositoryService;
  private final Map<String, Optional<JourneyStart>> startByDefinitionId = new ConcurrentHashMap<>();

  public JourneyCatalog(RepositoryService repositoryService) {
    this.repositoryService = repositoryService;
  }

  public List<JourneyStart> startingOn(String eventName) {
    List<JourneyStart> starts = new ArrayList<>();
    for (ProcessDefinition latest : repositoryService.createProcessDefinitionQuery().latestVersion().active().list()) {
      startOf(latest).ifPresent(start -> {
        if (start.shadow()) {
          newestLiveVersion(start.journeyKey()).filter(live -> live.eventName().equals(eventName))
              .ifPresent(starts::add);
        }
        if (start.eventName().equals(eventName)) {
          starts.add(start);
        }
      });
    }
    return starts;
  }

  private Optional<JourneyStart> newestLiveVersion(String journeyKey) {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(journeyKey).active()
        .orderByProcessDefinitionVersion().desc().list().stream()
        .flatMap(definition -> startOf(definition).stream())
        .filter(start -> !start.shadow())
        .findFirst();
  }

  private Optional<JourneyStart> startOf(ProcessDefinition definition) {
    return startByDefinitionId.computeIfAbsent(definition.getId(), id -> readStart(definition));
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
    return Optional.of(new JourneyStart(definition.getId(), definition.getKey(), event.trim(), reentry,
        "true".equals(properties.get(TouchpointElements.SHADOW))));
  }
}
