package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.ReentryRule;
import io.touchpoint.journey.TouchpointElements;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Journey starts (start events with a {@code touchpoint.event}): a plain start event at the top of the
 * process, started by a business event name the event API accepts, with a known re-entry rule.
 */
final class JourneyStartParser {

  void parse(Element element, ScopeImpl scope, ActivityImpl activity) {
    String event = property(activity, TouchpointElements.START_EVENT);
    if (event == null) {
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
  }

  private static boolean hasEventDefinition(Element element) {
    return element.elements().stream().anyMatch(child -> child.getTagName().endsWith("EventDefinition"));
  }
}
