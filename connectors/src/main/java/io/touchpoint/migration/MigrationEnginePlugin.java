package io.touchpoint.migration;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingActivityInstanceValidator;
import org.camunda.bpm.engine.impl.migration.validation.instance.SupportedActivityInstanceValidator;

/**
 * Adds {@link MigratedWaits} to the engine's history event handlers, beside its own database handler, and lets
 * contacts waiting in a channel task migrate ({@link SendTasksMigrate}).
 */
public class MigrationEnginePlugin extends AbstractProcessEnginePlugin {

  private final MigratedWaits migratedWaits;

  public MigrationEnginePlugin(MigratedWaits migratedWaits) {
    this.migratedWaits = migratedWaits;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<HistoryEventHandler> handlers = configuration.getCustomHistoryEventHandlers() == null ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(migratedWaits);
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    List<MigratingActivityInstanceValidator> validators = new ArrayList<>();
    for (MigratingActivityInstanceValidator validator : configuration.getMigratingActivityInstanceValidators()) {
      validators.add(validator instanceof SupportedActivityInstanceValidator ? new SendTasksMigrate() : validator);
    }
    configuration.setMigratingActivityInstanceValidators(validators);
  }
}
