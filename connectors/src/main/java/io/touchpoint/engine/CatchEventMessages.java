package io.touchpoint.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;

/**
 * Element templates cannot create a {@code bpmn:message}, and the engine's parser refuses a
 * message catch event without one. {@link #beforeParse()} hands the parser a copy of the BPMN in
 * which every Touchpoint catch event (status, business event) has a placeholder message — the
 * parse listener then gives its subscription the real, scoped name. {@link #afterParse()} puts the
 * analyst's bytes back before they are stored, so the stored diagram is the deployed one and
 * Camunda's duplicate filtering still recognises an unchanged redeployment. Runs on every parse,
 * including when a node rebuilds its deployment cache from the database.
 */
public class CatchEventMessages {

  private final Map<ResourceEntity, byte[]> originals = Collections.synchronizedMap(new WeakHashMap<>());

  public Deployer beforeParse() {
    return deployment -> resources(deployment).forEach(resource -> {
      byte[] withMessages = addMissingMessages(resource.getBytes());
      if (withMessages != null) {
        originals.put(resource, resource.getBytes());
        resource.setBytes(withMessages);
      }
    });
  }

  public Deployer afterParse() {
    return deployment -> resources(deployment).forEach(resource -> {
      byte[] original = originals.remove(resource);
      if (original != null) {
        resource.setBytes(original);
      }
    });
  }

  private static Iterable<ResourceEntity> resources(DeploymentEntity deployment) {
    return deployment.getResources() == null ? List.of() : deployment.getResources().values().stream()
        .filter(resource -> isBpmn(resource.getName()) && mentionsTouchpointCatch(resource.getBytes()))
        .toList();
  }

  /** @return the BPMN with placeholder messages added, or null when nothing was missing */
  private static byte[] addMissingMessages(byte[] bpmn) {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
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
    if (!changed) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
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
