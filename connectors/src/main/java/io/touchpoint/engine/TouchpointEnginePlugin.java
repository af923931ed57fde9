package io.touchpoint.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;

/**
 * Installs Touchpoint into a process engine: the parser's copy of each diagram (placeholder messages
 * for templated catch events, FreeMarker texts read as written), the parse listener, the send
 * pipeline's retry job, and throttle-aware job retries.
 */
public class TouchpointEnginePlugin extends AbstractProcessEnginePlugin {

  private final TouchpointParseListener parseListener;
  private final List<JobHandler<?>> jobHandlers;

  public TouchpointEnginePlugin(TouchpointParseListener parseListener, List<JobHandler<?>> jobHandlers) {
    this.parseListener = parseListener;
    this.jobHandlers = List.copyOf(jobHandlers);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    ParseCopy parseCopy = new ParseCopy(List.of(new CatchEventMessages(), new FreeMarkerTextsAsWritten()));
    List<Deployer> preDeployers = new ArrayList<>(orEmpty(configuration.getCustomPreDeployers()));
    preDeployers.add(parseCopy.beforeParse());
    configuration.setCustomPreDeployers(preDeployers);
    List<Deployer> postDeployers = new ArrayList<>(orEmpty(configuration.getCustomPostDeployers()));
    postDeployers.add(parseCopy.afterParse());
    configuration.setCustomPostDeployers(postDeployers);

    List<BpmnParseListener> listeners = new ArrayList<>(orEmpty(configuration.getCustomPostBPMNParseListeners()));
    listeners.add(parseListener);
    configuration.setCustomPostBPMNParseListeners(listeners);

    List<JobHandler> handlers = new ArrayList<>(orEmpty(configuration.getCustomJobHandlers()));
    handlers.addAll(jobHandlers);
    configuration.setCustomJobHandlers(handlers);

    configuration.setFailedJobCommandFactory(new TouchpointFailedJobCommandFactory(
        configuration.getFailedJobCommandFactory() != null ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory()));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
