package io.touchpoint.migration;

import io.touchpoint.pipeline.SendTaskBehavior;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.migration.instance.MigratingProcessInstance;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingActivityInstanceValidationReportImpl;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingActivityInstanceValidator;
import org.camunda.bpm.engine.impl.migration.validation.instance.SupportedActivityInstanceValidator;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;

/**
 * The engine migrates contacts only at activities whose behaviour it knows; a channel task waiting for its
 * provider's answer is one more such wait state: nothing of it lives in the engine but the execution, and
 * {@link MigratedWaits} moves its ledger row along. Everything else is judged by the engine's own validator.
 */
class SendTasksMigrate implements MigratingActivityInstanceValidator {

  private final MigratingActivityInstanceValidator engines = new SupportedActivityInstanceValidator();

  @Override
  public void validate(MigratingActivityInstance instance, MigratingProcessInstance processInstance,
      MigratingActivityInstanceValidationReportImpl report) {
    if (instance.getSourceScope() instanceof ActivityImpl activity
        && activity.getActivityBehavior() instanceof SendTaskBehavior) {
      return;
    }
    engines.validate(instance, processInstance, report);
  }
}
