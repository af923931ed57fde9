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

/**
 * What the element templates write is not always what the engine's parser accepts (see the
 * {@link Rewrite}s). {@link #beforeParse()} hands the parser a rewritten copy of each BPMN;
 * {@link #afterParse()} puts the analyst's bytes back before they are stored, so the stored diagram
 * is the deployed one and Camunda's duplicate filtering still recognises an unchanged redeployment.
 * Runs on every parse, including when a node rebuilds its deployment cache from the database.
 */
public class ParseCopy {

  /** One change to the copy the parser reads. */
  public interface Rewrite {

    /** Cheap test on the raw XML: could this rewrite change anything? */
    boolean mayApply(String xml);

    /** @return whether the model was changed */
    boolean apply(BpmnModelInstance model);
  }

  private final List<Rewrite> rewrites;
  private final Map<ResourceEntity, byte[]> originals = Collections.synchronizedMap(new WeakHashMap<>());

  public ParseCopy(List<Rewrite> rewrites) {
    this.rewrites = List.copyOf(rewrites);
  }

  public Deployer beforeParse() {
    return deployment -> bpmnResources(deployment).forEach(resource -> {
      byte[] rewritten = rewrite(resource.getBytes());
      if (rewritten != null) {
        originals.put(resource, resource.getBytes());
        resource.setBytes(rewritten);
      }
    });
  }

  public Deployer afterParse() {
    return deployment -> bpmnResources(deployment).forEach(resource -> {
      byte[] original = originals.remove(resource);
      if (original != null) {
        resource.setBytes(original);
      }
    });
  }

  /** @return the rewritten BPMN, or null when no rewrite changed anything */
  private byte[] rewrite(byte[] bpmn) {
    String xml = new String(bpmn, StandardCharsets.UTF_8);
    List<Rewrite> applicable = rewrites.stream().filter(rewrite -> rewrite.mayApply(xml)).toList();
    if (applicable.isEmpty()) {
      return null;
    }
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn));
    boolean changed = false;
    for (Rewrite rewrite : applicable) {
      changed |= rewrite.apply(model);
    }
    if (!changed) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bpmn.writeModelToStream(out, model);
    return out.toByteArray();
  }

  private static List<ResourceEntity> bpmnResources(DeploymentEntity deployment) {
    return deployment.getResources() == null ? List.of() : deployment.getResources().values().stream()
        .filter(resource -> isBpmn(resource.getName()))
        .toList();
  }

  private static boolean isBpmn(String name) {
    return name != null && (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml"));
  }
}
