package io.touchpoint.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
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

  /**
   * The Touchpoint SMS journey's own diagram ({@link TouchpointSide#RESOURCE}) without Touchpoint: the same start,
   * the same input mappings on the task (the phone, the FreeMarker text), the same gateway and timer; the task a no-op,
   * the catch an ordinary message "delivered". Only the plugin differs, which is the overhead P1 measures.
   */
  static BpmnModelInstance model() {
    BpmnModelInstance model = withoutTouchpoint(TouchpointSide.RESOURCE, PROCESS_KEY, "Send", "${benchNoopSend}");
    Message delivered = model.newInstance(Message.class);
    delivered.setId("Message_Delivered");
    delivered.setName(MESSAGE);
    model.getDefinitions().addChildElement(delivered);
    model.<MessageEventDefinition>getModelElementById("MessageEventDefinition_Delivered").setMessage(delivered);
    return model;
  }

  /** The webhook journey's diagram ({@link TouchpointSide#WEBHOOK_RESOURCE}) without Touchpoint: a no-op call. */
  static BpmnModelInstance callModel() {
    return withoutTouchpoint(TouchpointSide.WEBHOOK_RESOURCE, CALL_PROCESS_KEY, "Call", "${benchNoopCall}");
  }

  /** The diagram without Touchpoint's properties (event, channel, status), its task calling {@code delegate}. */
  private static BpmnModelInstance withoutTouchpoint(String resource, String processKey, String taskId,
      String delegate) {
    BpmnModelInstance model;
    try (InputStream in = BareCamunda.class.getClassLoader().getResourceAsStream(resource)) {
      model = Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    model.getModelElementsByType(Process.class).iterator().next().setId(processKey);
    for (CamundaProperties properties : List.copyOf(model.getModelElementsByType(CamundaProperties.class))) {
      properties.getParentElement().removeChildElement(properties);
    }
    model.<ServiceTask>getModelElementById(taskId).setCamundaDelegateExpression(delegate);
    return model;
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
