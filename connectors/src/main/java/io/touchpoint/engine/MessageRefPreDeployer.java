package io.touchpoint.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;

/**
 * Element templates cannot create a {@code bpmn:message}, and the engine refuses a message catch
 * event without one. Before the BPMN is parsed, this gives every Touchpoint message catch event
 * (status, business event) a message of its own; the parse listener then names its subscription.
 */
public class MessageRefPreDeployer implements Deployer {

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew()) {
      return;
    }
    for (ResourceEntity resource : deployment.getResources().values()) {
      if (isBpmn(resource.getName()) && mentionsTouchpointCatch(resource.getBytes())) {
        addMissingMessages(resource);
      }
    }
  }

  private static void addMissingMessages(ResourceEntity resource) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource.getBytes()));
    Definitions definitions = model.getDefinitions();
    boolean changed = false;
    for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
      if (definition.getMessage() != null || !isTouchpointCatch(definition)) {
        continue;
      }
      String eventId = ((BaseElement) definition.getParentElement()).getId();
      Message message = model.newInstance(Message.class);
      message.setId("TouchpointMessage_" + eventId);
      // replaced by the parse listener with an expression scoped to one delivery or contact
      message.setName("touchpoint:unresolved:" + eventId);
      definitions.addChildElement(message);
      definition.setMessage(message);
      changed = true;
    }
    if (changed) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Bpmn.writeModelToStream(out, model);
      resource.setBytes(out.toByteArray());
    }
  }

  private static boolean isTouchpointCatch(MessageEventDefinition definition) {
    Map<String, String> properties = TouchpointElements.properties((BaseElement) definition.getParentElement());
    return properties.containsKey(TouchpointElements.STATUS) || properties.containsKey(TouchpointElements.AWAIT_EVENT);
  }

  private static boolean isBpmn(String name) {
    return name != null && (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml"));
  }

  private static boolean mentionsTouchpointCatch(byte[] bytes) {
    String xml = new String(bytes, StandardCharsets.UTF_8);
    return xml.contains(TouchpointElements.STATUS) || xml.contains(TouchpointElements.AWAIT_EVENT);
  }
}
