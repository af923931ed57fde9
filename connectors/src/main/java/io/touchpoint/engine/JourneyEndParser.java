package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.journey.JourneyOutcome;
import io.touchpoint.journey.TouchpointElements;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/** Journey ends (end events with a {@code touchpoint.outcome}): a known outcome (completed, goal, drop-off). */
final class JourneyEndParser {

  void parse(Element element, ActivityImpl activity) {
    String outcome = property(activity, TouchpointElements.OUTCOME);
    if (outcome != null && JourneyOutcome.fromWireName(outcome).isEmpty()) {
      throw new BpmnParseException(ErrorCode.DEPLOY_010 + " Journey end '" + activity.getId()
          + "' has outcome '" + outcome + "'; expected one of " + JourneyOutcome.wireNames(), element);
    }
  }
}
