package io.touchpoint.bench;

import java.util.ArrayList;
import java.util.Set;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Installed identically in both engines: marks a journey done when its "Delivered" catch event
 * (SMS, push, bare) or its "Read" catch event (WhatsApp) completes and that transaction commits (the
 * status was correlated and is durable).
 */
class ProbePlugin extends AbstractProcessEnginePlugin {

  static final String DELIVERED_CATCH = "Delivered";
  static final String READ_CATCH = "Read";
  private static final Set<String> DONE_CATCHES = Set.of(DELIVERED_CATCH, READ_CATCH);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (DONE_CATCHES.contains(activity.getId())) {
          ExecutionListener delivered = execution -> {
            String businessKey = execution.getProcessBusinessKey();
            Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> {
                  Probe probe = Probe.current();
                  if (probe != null) {
                    probe.done(probe.indexOfKey(businessKey));
                  }
                });
          };
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, delivered);
        }
      }
    });
  }
}
