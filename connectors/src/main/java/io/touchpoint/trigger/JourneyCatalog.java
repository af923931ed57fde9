package io.touchpoint.trigger;

import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which deployed journeys start on which business event. Every call looks at the definitions' generation (how many
 * there are, their revisions, the newest deployment: one small query), so a deployment, deletion or suspension on
 * any node is seen at once; the engine's latest-versions query, which costs several times more, runs again only
 * when that generation changed, since a campaign asks once per contact. What a definition listens to never changes,
 * so that part is cached by definition id. A latest version in shadow mode runs beside the journey's newest live
 * version: both start, the live one first.
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

  /** Changes whenever a definition is deployed, deleted, suspended or activated (each of those bumps a revision). */
  private static final String GENERATION = """
      select (select count(*) from ACT_RE_PROCDEF), (select coalesce(sum(REV_), 0) from ACT_RE_PROCDEF),
        (select max(DEPLOY_TIME_) from ACT_RE_DEPLOYMENT)""";

  private final RepositoryService repositoryService;
  private final JdbcClient jdbc;
  private final Map<String, Optional<JourneyStart>> startByDefinitionId = new ConcurrentHashMap<>();
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();

  /** What {@link #GENERATION} reads. */
  private record Generation(long definitions, long revisions, Timestamp newestDeployment) {
  }

  /**
   * The starts of the latest active definitions, each shadow version preceded by the newest live version of its
   * journey.
   */
  public record Starts(List<JourneyStart> all) {

    /** The journeys that start on this business event, in the order they start. */
    public List<JourneyStart> on(String eventName) {
      return all.stream().filter(start -> start.eventName().equals(eventName)).toList();
    }
  }

  /** The starts as of one generation of the definitions. */
  private record Snapshot(Generation generation, Starts starts) {
  }

  public JourneyCatalog(RepositoryService repositoryService, JdbcClient jdbc) {
    this.repositoryService = repositoryService;
    this.jdbc = jdbc;
  }

  /** The starts as of now; several events of a launch share one look. */
  public Starts starts() {
    Generation generation = jdbc.sql(GENERATION)
        .query((rs, row) -> new Generation(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3))).single();
    Snapshot known = snapshot.get();
    if (known != null && known.generation().equals(generation)) {
      return known.starts();
    }
    List<JourneyStart> starts = new ArrayList<>();
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().latestVersion().active()
        .list()) {
      startOf(definition).ifPresent(start -> {
        if (start.shadow()) {
          newestLiveVersion(start.journeyKey()).ifPresent(starts::add);
        }
        starts.add(start);
      });
    }
    Snapshot fresh = new Snapshot(generation, new Starts(List.copyOf(starts)));
    snapshot.set(fresh);
    return fresh.starts();
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
