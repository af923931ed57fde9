package io.touchpoint.engine;

import io.touchpoint.journey.TouchpointElements;
import java.util.Map;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;

/**
 * Element templates cannot create a {@code bpmn:message}, and the engine's parser refuses a
 * message catch event without one: every Touchpoint catch event (status, business event) gets a
 * placeholder message in the parser's copy — the parse listener then gives its subscription the
 * real, scoped name.
 */
class CatchEventMessages implements ParseCopy.Rewrite {

  @Override
  public boolean mayApply(String xml) {
    return xml.contains(TouchpointElements.STATUS) || xml.contains(TouchpointElements.AWAIT_EVENT);
  }

  @Override
  public boolean apply(BpmnModelInstance model) {
    boolean changed = false;
    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      if (definition.getMessage() != null || !isTouchpointCatch(definition)) {
        continue;
      }
      String eventId = ((BaseElement) definition.getParentElement()).getId();
      Message message = model.newInstance(Message.class);
      message.setId("TouchpointMessage_" + eventId);
      message.setName("touchpoint:unresolved:" + eventId);
      model.getDefinitions().addChildElement(message);
      definition.setMessage(message);
      changed = true;
    }
    return changed;
  }

  private static boolean isTouchpointCatch(MessageEventDefinition definition) {
    Map<String, String> properties = TouchpointElements.properties((BaseElement) definition.getParentElement());
    return properties.containsKey(TouchpointElements.STATUS) || properties.containsKey(TouchpointElements.AWAIT_EVENT);
  }
}
