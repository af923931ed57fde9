package io.touchpoint.bench;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Variant A: the journey shape on a plain Camunda engine (Touchpoint's auto-configuration excluded),
 * a no-op send and the status simulated by a message correlation by business key.
 */
final class BareCamunda {

  static final String PROCESS_KEY = "bench-bare";
  static final String CALL_PROCESS_KEY = "bench-bare-call";
  static final String MESSAGE = "delivered";

  private BareCamunda() {
  }

  /** start -> service task (asyncBefore) -> event-based gateway [message delivered -> end] / [PT1H -> end]. */
  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(PROCESS_KEY)
        .camundaHistoryTimeToLive(30)
        .startEvent("Start")
        .serviceTask("Send").camundaAsyncBefore().camundaDelegateExpression("${benchNoopSend}")
        .eventBasedGateway().id("Outcome")
        .intermediateCatchEvent(ProbePlugin.DELIVERED_CATCH).message(MESSAGE)
        .endEvent("DeliveredEnd")
        .moveToNode("Outcome")
        .intermediateCatchEvent("NoStatus").timerWithDuration("PT1H")
        .endEvent("NoStatusEnd")
        .done();
  }

  /** The webhook journey's shape: start -> service task (asyncBefore, a no-op call) -> end. */
  static BpmnModelInstance callModel() {
    return Bpmn.createExecutableProcess(CALL_PROCESS_KEY)
        .camundaHistoryTimeToLive(30)
        .startEvent("Start")
        .serviceTask("Call").camundaAsyncBefore().camundaDelegateExpression("${benchNoopCall}")
        .endEvent(ProbePlugin.CALLED_END)
        .done();
  }

  /** The callback's counterpart: correlate "delivered" to the journey of this business key. */
  static void simulateStatus(RuntimeService runtimeService, Probe probe, int n, String businessKey) {
    probe.callbackSent(n);
    try {
      runtimeService.createMessageCorrelation(MESSAGE).processInstanceBusinessKey(businessKey).correlateWithResult();
      probe.callbackAnswered(n);
    } catch (RuntimeException e) {
      probe.failure("bare correlation " + businessKey + ": " + e);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    /** Records the send and, once the job's transaction (send + gateway) commits, reports the status. */
    @Bean
    JavaDelegate benchNoopSend() {
      return execution -> {
        Probe probe = Probe.current();
        String businessKey = execution.getProcessBusinessKey();
        int n = probe == null ? -1 : probe.indexOfKey(businessKey);
        if (n < 0) {
          return;
        }
        probe.sent(n);
        RuntimeService runtimeService = execution.getProcessEngineServices().getRuntimeService();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
            committed -> probe.callbacks.execute(() -> simulateStatus(runtimeService, probe, n, businessKey)));
      };
    }

    /** Records the call; the journey then ends in the same transaction. */
    @Bean
    JavaDelegate benchNoopCall() {
      return execution -> {
        Probe probe = Probe.current();
        if (probe != null) {
          probe.sent(probe.indexOfKey(execution.getProcessBusinessKey()));
        }
      };
    }

    @Bean
    ProbePlugin benchProbePlugin() {
      return new ProbePlugin();
    }
  }
}
