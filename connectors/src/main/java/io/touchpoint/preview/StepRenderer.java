package io.touchpoint.preview;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.PreparedSend;
import io.touchpoint.pipeline.SendPreparation;
import io.touchpoint.pipeline.SendStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.mapping.InputParameter;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;

/**
 * Renders the send steps of a deployed journey for a contact without sending: each step's inputs are evaluated by
 * the engine (JUEL, Touchpoint's FreeMarker) over the contact's variables held in memory, then prepared by the
 * step's channel connector as a real send is (binding, templates, validation, consent).
 */
public class StepRenderer {

  /** A rendered step, and the send it would make (null when it cannot be made). */
  record Rendered(StepPreview preview, PreparedSend send) {
  }

  private final Supplier<ProcessEngine> engine;
  private final Map<Channel, ChannelConnector<?>> connectors;
  private final SendPreparation preparation;

  public StepRenderer(Supplier<ProcessEngine> engine, Map<Channel, ChannelConnector<?>> connectors,
      SendPreparation preparation) {
    this.engine = engine;
    this.connectors = Map.copyOf(connectors);
    this.preparation = preparation;
  }

  /**
   * @param step     one step's id, or null for every send step
   * @param override input values that replace the step's own (a test send's recipient)
   * @param sendOf   where the send of a step (by id) is recorded
   */
  List<Rendered> render(String definitionId, String step, Map<String, Object> variables,
      Map<String, Object> override, Function<String, SendStep> sendOf) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.get().getProcessEngineConfiguration();
    return configuration.getCommandExecutorTxRequired().execute(command -> {
      ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(definitionId);
      List<Rendered> rendered = new ArrayList<>();
      for (ActivityImpl activity : sendSteps(definition, new ArrayList<>())) {
        if (step == null || step.equals(activity.getId())) {
          rendered.add(render(activity, variables, override, sendOf.apply(activity.getId())));
        }
      }
      return rendered;
    });
  }

  private Rendered render(ActivityImpl activity, Map<String, Object> variables, Map<String, Object> override,
      SendStep step) {
    Channel channel = (Channel) activity.getProperty(TouchpointElements.CHANNEL);
    String name = activity.getName() == null ? activity.getId() : activity.getName();
    List<String> errors = new ArrayList<>();
    PreviewVariables journey = new PreviewVariables(variables);
    Map<String, Object> inputs = new LinkedHashMap<>();
    if (activity.getIoMapping() != null) {
      for (InputParameter input : activity.getIoMapping().getInputParameters()) {
        try {
          inputs.put(input.getName(), input.getValueProvider().getValue(journey));
        } catch (RuntimeException failed) {
          errors.add("'" + activity.getId() + "', input '" + input.getName() + "': " + message(failed));
        }
      }
    }
    inputs.putAll(override);
    if (!errors.isEmpty()) {
      return new Rendered(new StepPreview(activity.getId(), name, channel.wireName(), null, errors), null);
    }
    try {
      PreparedSend send = preparation.prepare(step, connectors.get(channel), inputs, variables);
      Delivery delivery = send.delivery();
      if (delivery.outcome() == Delivery.Outcome.SKIPPED) {
        errors.add("'" + activity.getId() + "': not sent, " + delivery.outcomeCode() + ": "
            + delivery.outcomeReason());
      }
      return new Rendered(new StepPreview(activity.getId(), name, channel.wireName(), send.input(), errors),
          errors.isEmpty() ? send : null);
    } catch (RuntimeException failed) {
      errors.add("'" + activity.getId() + "': " + message(failed));
      return new Rendered(new StepPreview(activity.getId(), name, channel.wireName(), null, errors), null);
    }
  }

  /** The journey's channel tasks, in the diagram's order, inside subprocesses too. */
  private static List<ActivityImpl> sendSteps(ScopeImpl scope, List<ActivityImpl> found) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getProperty(TouchpointElements.CHANNEL) instanceof Channel) {
        found.add(activity);
      }
      sendSteps(activity, found);
    }
    return found;
  }

  private static String message(Throwable failed) {
    Throwable cause = failed;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String own = failed.getMessage();
    return cause == failed || own == null ? String.valueOf(own) : own + " (" + cause.getMessage() + ")";
  }
}
