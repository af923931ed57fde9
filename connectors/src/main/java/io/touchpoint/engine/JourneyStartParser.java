package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendIntake;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Journey starts (start events with a {@code touchpoint.event}): a plain start event at the top of the
 * process, started by a business event name the event API accepts, with a known re-entry rule, and whether the
 * version runs in shadow mode (marked on the process definition, where its sends look).
 */
final class JourneyStartParser {

  void parse(Element element, ScopeImpl scope, ActivityImpl activity) {
    String event = property(activity, TouchpointElements.START_EVENT);
    String shadow = property(activity, TouchpointElements.SHADOW);
    if (event == null) {
      if (shadow != null) {
        throw new BpmnParseException(ErrorCode.DEPLOY_016 + " Start event '" + activity.getId() + "' has shadow "
            + "mode, but only the Journey start (the one a business event starts) can run a journey in shadow mode",
            element);
      }
      return;
    }
    if (!(scope instanceof ProcessDefinitionEntity) || hasEventDefinition(element)) {
      throw new BpmnParseException(ErrorCode.DEPLOY_004 + " Journey start '" + activity.getId()
          + "' must be a plain start event at the top of the process", element);
    }
    BusinessEventNames.require(element, activity, "Journey start", event);
    String reentry = property(activity, TouchpointElements.REENTRY);
    if (reentry != null && ReentryRule.fromWireName(reentry).isEmpty()) {
      throw new BpmnParseException(ErrorCode.DEPLOY_005 + " Journey start '" + activity.getId()
          + "' has re-entry rule '" + reentry + "'; expected one of " + ReentryRule.wireNames(), element);
    }
    if (shadow != null && !TouchpointElements.SHADOW_CHOICES.contains(shadow)) {
      throw new BpmnParseException(ErrorCode.DEPLOY_016 + " Journey start '" + activity.getId()
          + "' has shadow mode '" + shadow + "'; expected true or false", element);
    }
    if ("true".equals(shadow)) {
      scope.setProperty(SendIntake.SHADOW_MODE, true);
    }
  }

  /** Whether the execution's journey version runs in shadow mode: nothing it does may count as real. */
  static boolean inShadowMode(DelegateExecution execution) {
    return Boolean.TRUE.equals(((ExecutionEntity) execution).getProcessDefinition()
        .getProperty(SendIntake.SHADOW_MODE));
  }

  private static boolean hasEventDefinition(Element element) {
    return element.elements().stream().anyMatch(child -> child.getTagName().endsWith("EventDefinition"));
  }
}
