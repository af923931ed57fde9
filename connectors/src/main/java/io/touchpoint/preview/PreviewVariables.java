package io.touchpoint.preview;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.core.variable.scope.SimpleVariableInstance.SimpleVariableInstanceFactory;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableInstanceFactory;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableInstanceLifecycleListener;
import org.camunda.bpm.engine.impl.core.variable.scope.VariableStore;

/**
 * The variables a journey would hold for a contact, in memory only: the scope a step's inputs are evaluated in
 * for a preview, exactly as the engine evaluates them in a running journey, with nothing stored.
 */
class PreviewVariables extends AbstractVariableScope {

  private static final long serialVersionUID = 1L;

  private final VariableStore<CoreVariableInstance> store = new VariableStore<>();

  PreviewVariables(Map<String, Object> variables) {
    variables.forEach(this::setVariableLocal);
  }

  @Override
  protected VariableStore<CoreVariableInstance> getVariableStore() {
    return store;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected VariableInstanceFactory<CoreVariableInstance> getVariableInstanceFactory() {
    return (VariableInstanceFactory) SimpleVariableInstanceFactory.INSTANCE;
  }

  @Override
  protected List<VariableInstanceLifecycleListener<CoreVariableInstance>> getVariableInstanceLifecycleListeners() {
    return new ArrayList<>();
  }

  @Override
  public AbstractVariableScope getParentVariableScope() {
    return null;
  }
}
