package io.touchpoint.engine;

import static io.touchpoint.journey.TouchpointElements.property;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.MessageType;
import io.touchpoint.journey.TouchpointElements;
import io.touchpoint.pipeline.SendGovernance;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A channel task's "Message type" ({@code marketing}, {@code transactional}) and "Hold at most" (ISO-8601), which
 * the send governor reads; a task with neither keeps the defaults (marketing, one day), so older diagrams deploy
 * unchanged.
 */
final class SendGovernanceParser {

  void parse(Element element, ActivityImpl activity) {
    String type = property(activity, TouchpointElements.MESSAGE_TYPE);
    String holdAtMost = property(activity, TouchpointElements.HOLD_AT_MOST);
    if (type == null && holdAtMost == null) {
      return;
    }
    activity.setProperty(SendGovernance.PROPERTY, new SendGovernance(
        type == null ? SendGovernance.DEFAULT.messageType() : messageType(element, activity, type),
        holdAtMost == null ? SendGovernance.DEFAULT.holdAtMost() : holdAtMost(element, activity, holdAtMost)));
  }

  private static MessageType messageType(Element element, ActivityImpl activity, String value) {
    try {
      return MessageType.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new BpmnParseException(ErrorCode.DEPLOY_012 + " Task '" + activity.getId() + "' has message type '"
          + value + "'; expected marketing or transactional", element);
    }
  }

  private static Duration holdAtMost(Element element, ActivityImpl activity, String value) {
    try {
      Duration duration = Duration.parse(value.trim());
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException malformed) {
      // refused below, naming the element
    }
    throw new BpmnParseException(ErrorCode.DEPLOY_013 + " Task '" + activity.getId() + "' may be held at most '"
        + value + "'; expected an ISO-8601 duration such as PT12H or P1D", element);
  }
}
