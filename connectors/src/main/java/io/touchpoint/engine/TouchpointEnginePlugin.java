package io.touchpoint.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;

/**
 * Installs Touchpoint into a process engine: the pre-deployer that gives templated catch events
 * their message, the parse listener, and throttle-aware job retries.
 */
public class TouchpointEnginePlugin extends AbstractProcessEnginePlugin {

  private final TouchpointParseListener parseListener;

  public TouchpointEnginePlugin(TouchpointParseListener parseListener) {
    this.parseListener = parseListener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> preDeployers = new ArrayList<>(orEmpty(configuration.getCustomPreDeployers()));
    preDeployers.add(new MessageRefPreDeployer());
    configuration.setCustomPreDeployers(preDeployers);

    List<BpmnParseListener> listeners = new ArrayList<>(orEmpty(configuration.getCustomPostBPMNParseListeners()));
    listeners.add(parseListener);
    configuration.setCustomPostBPMNParseListeners(listeners);

    configuration.setFailedJobCommandFactory(new ThrottleAwareFailedJobCommandFactory(
        configuration.getFailedJobCommandFactory() != null ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
