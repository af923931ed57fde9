package io.touchpoint.analytics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;

/** The {@link JourneyModel} of each deployed version, read once: deployed definitions never change. */
final class JourneyModels {

  private final RepositoryService repository;
  private final Map<String, JourneyModel> models = new ConcurrentHashMap<>();

  JourneyModels(RepositoryService repository) {
    this.repository = repository;
  }

  JourneyModel of(String definitionId) {
    return models.computeIfAbsent(definitionId, id -> JourneyModel.of(repository.getBpmnModelInstance(id)));
  }
}
