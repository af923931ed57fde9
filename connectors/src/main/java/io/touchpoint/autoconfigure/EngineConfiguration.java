package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusCorrelator;
import io.touchpoint.correlation.StatusWaitSweeper;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.engine.JobAcquisitionStop;
import io.touchpoint.engine.TouchpointEnginePlugin;
import io.touchpoint.engine.TouchpointParseListener;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.pipeline.HeldSendJobHandler;
import io.touchpoint.pipeline.SendIntake;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.pipeline.SendRetryJobHandler;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.schedule.PeriodicTask;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The engine plugin and the behaviour behind channel tasks and status catches. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

  /**
   * Correlates statuses that arrived before their catch event was committed; small and bounded. Spring's executor
   * stops taking work as soon as the application starts closing and drops what is queued, so no reconciliation runs
   * once the connection pool is gone: each one's wait is recorded, and the status sweeper of a live node does it.
   */
  @Bean
  ThreadPoolTaskExecutor touchpointAfterCommitExecutor() {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setCorePoolSize(4);
    executor.setMaxPoolSize(4);
    executor.setQueueCapacity(10_000);
    executor.setAllowCoreThreadTimeOut(true);
    executor.setDaemon(true);
    executor.setThreadNamePrefix("touchpoint-after-commit-");
    executor.setWaitForTasksToCompleteOnShutdown(false);
    return executor;
  }

  @Bean
  TouchpointParseListener touchpointParseListener(List<ChannelConnector<?>> connectors, SendIntake sendIntake,
      StatusWaits waits, DeliveryStatusService statuses, ThreadPoolTaskExecutor touchpointAfterCommitExecutor,
      ExperimentAssignments experimentAssignments) {
    return new TouchpointParseListener(byChannel(connectors), sendIntake, waits, statuses,
        touchpointAfterCommitExecutor, experimentAssignments);
  }

  /** Experiment assignments and conversions; told of every business event for the conversions. */
  @Bean
  ExperimentAssignments experimentAssignments(JdbcClient touchpointJdbc) {
    return new ExperimentAssignments(touchpointJdbc);
  }

  /** Renders every text: the diagrams' FreeMarker texts and the email template files. */
  @Bean
  SafeFreeMarker touchpointFreeMarker(TouchpointProperties properties) {
    return new SafeFreeMarker(properties.email().templatesFolder());
  }

  @Bean
  TouchpointEnginePlugin touchpointEnginePlugin(TouchpointParseListener parseListener, SendPipeline sendPipeline,
      SendIntake sendIntake, SafeFreeMarker freemarker, ApplicationContext applicationContext) {
    return new TouchpointEnginePlugin(parseListener,
        List.of(new SendRetryJobHandler(sendPipeline), new HeldSendJobHandler(sendIntake)), freemarker,
        applicationContext);
  }

  static Map<Channel, ChannelConnector<?>> byChannel(List<ChannelConnector<?>> connectors) {
    return connectors.stream().collect(Collectors.toMap(ChannelConnector::channel, Function.identity()));
  }

  /** A node stopped in a campaign stops taking jobs at once, not when its engine closes. */
  @Bean
  JobAcquisitionStop touchpointJobAcquisitionStop(ObjectProvider<ProcessEngine> engine) {
    return new JobAcquisitionStop(engine::getIfAvailable);
  }

  @Bean
  ChannelInputBinder channelInputBinder(ObjectProvider<ObjectMapper> mapper, ObjectProvider<Validator> validator) {
    return new ChannelInputBinder(mapper.getIfAvailable(ObjectMapper::new), validator.getIfAvailable(
        () -> Validation.buildDefaultValidatorFactory().getValidator()));
  }

  @Bean
  StatusWaitSweeper statusWaitSweeper(StatusWaits waits, StatusCorrelator correlator,
      DeliveryStatusService statuses) {
    return new StatusWaitSweeper(waits, correlator, statuses, 500);
  }

  @Bean
  PeriodicTask touchpointStatusSweep(StatusWaitSweeper sweeper, TouchpointProperties properties) {
    return new PeriodicTask("status-sweep", sweeper::sweep, properties.correlation().sweepInterval());
  }
}
