package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import java.util.Map;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * The subscription of a Touchpoint catch event (status, business event): the placeholder message
 * {@link CatchEventMessages} gave it is replaced by its real, scoped name.
 */
final class CatchEventSubscriptions {

  private CatchEventSubscriptions() {
  }

  /** @param name the message name, resolved when the subscription is created */
  static void scope(Element element, ActivityImpl activity, SubscriptionName name) {
    Map<String, EventSubscriptionDeclaration> declarations =
        EventSubscriptionDeclaration.getDeclarationsForScope(activity.getEventScope());
    EventSubscriptionDeclaration placeholder = declarations.get(activity.getId());
    if (placeholder == null || !EventType.MESSAGE.name().equals(placeholder.getEventType())) {
      throw new BpmnParseException(ErrorCode.DEPLOY_009 + " '" + activity.getId()
          + "' must be a message event (apply the Touchpoint template to a message event)", element);
    }
    EventSubscriptionDeclaration scoped = new EventSubscriptionDeclaration(name, EventType.MESSAGE);
    scoped.setActivityId(placeholder.getActivityId());
    scoped.setEventScopeActivityId(placeholder.getEventScopeActivityId());
    scoped.setStartEvent(placeholder.isStartEvent());
    scoped.setAsync(placeholder.isAsync());
    declarations.put(activity.getId(), scoped);
  }
}
