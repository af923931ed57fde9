package io.touchpoint.engine;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.rendering.SafeScriptEngineResolver;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultFailedJobCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Installs Touchpoint into a process engine: the parser's copy of each diagram (placeholder messages
 * for templated catch events, FreeMarker texts for the safe FreeMarker), the parse listener and parses that list
 * all its problems ({@link DiagramProblems}), the send
 * pipeline's retry job, throttle-aware job retries, the safe FreeMarker as the engine's script
 * engine for FreeMarker, expressions that read a contact's absent addresses as null ({@link AbsentContactAddresses}),
 * a duration parser found once rather than per job ({@link DatatypeFactoryLookup}), entity ids checked without
 * describing every entity ({@link EntityIdCheck}), and a job executor that finds due
 * jobs among many waiting timers without reading them all ({@link JobAcquisition}), and a warning when PostgreSQL would
 * keep a dead node's transactions open ({@link AbandonedTransactions}).
 */
public class TouchpointEnginePlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(TouchpointEnginePlugin.class);

  private final TouchpointParseListener parseListener;
  private final List<JobHandler<?>> jobHandlers;
  private final SafeFreeMarker freemarker;
  private final ApplicationContext applicationContext;

  /** @param applicationContext the application's beans, for expressions; null for a standalone engine */
  public TouchpointEnginePlugin(TouchpointParseListener parseListener, List<JobHandler<?>> jobHandlers,
      SafeFreeMarker freemarker, ApplicationContext applicationContext) {
    this.parseListener = parseListener;
    this.jobHandlers = List.copyOf(jobHandlers);
    this.freemarker = freemarker;
    this.applicationContext = applicationContext;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DatatypeFactoryLookup.nameTheProvider();
    JobAcquisition.configure(configuration);
    configuration.setExpressionManager(journeyExpressions(configuration));
    ParseCopy parseCopy = new ParseCopy(List.of(new CatchEventMessages(), new FreeMarkerTexts()));
    List<Deployer> preDeployers = new ArrayList<>(orEmpty(configuration.getCustomPreDeployers()));
    preDeployers.add(parseCopy.beforeParse());
    configuration.setCustomPreDeployers(preDeployers);
    List<Deployer> postDeployers = new ArrayList<>(orEmpty(configuration.getCustomPostDeployers()));
    postDeployers.add(parseCopy.afterParse());
    configuration.setCustomPostDeployers(postDeployers);

    List<BpmnParseListener> listeners = new ArrayList<>(orEmpty(configuration.getCustomPostBPMNParseListeners()));
    listeners.add(parseListener);
    configuration.setCustomPostBPMNParseListeners(listeners);
    if (configuration.getBpmnParseFactory() == null) {
      // an application's own parse factory is kept; its parses stop at the listener's first problem
      configuration.setBpmnParseFactory(parseListener.parseFactory());
    }

    List<JobHandler> handlers = new ArrayList<>(orEmpty(configuration.getCustomJobHandlers()));
    handlers.addAll(jobHandlers);
    configuration.setCustomJobHandlers(handlers);

    configuration.setFailedJobCommandFactory(new TouchpointFailedJobCommandFactory(
        configuration.getFailedJobCommandFactory() != null ? configuration.getFailedJobCommandFactory()
            : new DefaultFailedJobCommandFactory()));
  }

  /**
   * The engine's default expression manager with absent contact addresses; one the application configured itself is
   * kept as it is.
   */
  private ExpressionManager journeyExpressions(ProcessEngineConfigurationImpl configuration) {
    ExpressionManager configured = configuration.getExpressionManager();
    if (configured == null) {
      return new JourneyExpressions.Standalone(configuration.getBeans());
    }
    if (configured.getClass() == SpringExpressionManager.class && applicationContext != null) {
      return new JourneyExpressions.Spring(applicationContext, configuration.getBeans());
    }
    LOG.warn(ErrorCode.START_003 + " the engine keeps its expression manager {}: an address a contact does not have"
        + " is an unknown variable in journeys' expressions", configured.getClass().getName());
    return configured;
  }

  /** The engine's scripting and session factories exist only now. */
  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    SafeScriptEngineResolver.install(configuration, freemarker);
    EntityIdCheck.install(configuration);
  }

  /** The engine's schema exists only now. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
    JobAcquisition.prepareJobTable(configuration);
    AbandonedTransactions.warnIfKeptOpen(configuration);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
