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
 * (SMS, push, bare) or its "Read" catch event (WhatsApp) completes, or its "Called" end event (webhook,
 * bare call) is reached, and that transaction commits (the status was correlated, or the call's answer
 * stored, and is durable).
 */
class ProbePlugin extends AbstractProcessEnginePlugin {

  static final String DELIVERED_CATCH = "Delivered";
  static final String READ_CATCH = "Read";
  static final String CALLED_END = "Called";
  private static final Set<String> DONE_CATCHES = Set.of(DELIVERED_CATCH, READ_CATCH);

  private static final ExecutionListener DONE_ON_COMMIT = execution -> {
    String businessKey = execution.getProcessBusinessKey();
    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> {
          Probe probe = Probe.current();
          if (probe != null) {
            probe.done(probe.indexOfKey(businessKey));
          }
        });
  };

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseIntermediateCatchEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (DONE_CATCHES.contains(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_END, DONE_ON_COMMIT);
        }
      }

      @Override
      public void parseEndEvent(Element element, ScopeImpl scope, ActivityImpl activity) {
        if (CALLED_END.equals(activity.getId())) {
          activity.addBuiltInListener(ExecutionListener.EVENTNAME_START, DONE_ON_COMMIT);
        }
      }
    });
  }
}
