package io.touchpoint.autoconfigure;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.StatusReportInbox;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.ProviderThrottles;
import io.touchpoint.governor.SendGovernor;
import io.touchpoint.pipeline.NodeIdentity;
import io.touchpoint.pipeline.NodeMembership;
import io.touchpoint.pipeline.NodeRegistry;
import io.touchpoint.pipeline.NodeSessions;
import io.touchpoint.pipeline.SendIntake;
import io.touchpoint.pipeline.SendMetrics;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.pipeline.SendPreparation;
import io.touchpoint.pipeline.SendRecovery;
import io.touchpoint.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * The send pipeline: provider calls after the journey's transaction, bounded per provider, and the failover
 * of a dead node's sends. The engine comes later than these beans (its plugin needs them): resolved on use.
 */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  /** Static: the post-processor that names the connection pool's sessions needs it before the pool is made. */
  @Bean
  static NodeIdentity touchpointNodeIdentity() {
    return NodeIdentity.ofThisStart();
  }

  @Bean
  NodeRegistry touchpointNodeRegistry(DataSource dataSource, JdbcClient touchpointJdbc, Clock clock,
      NodeIdentity identity) {
    return new NodeRegistry(touchpointJdbc, clock, identity, NodeSessions.on(dataSource, touchpointJdbc));
  }

  /**
   * Checked, joined and beating before the pipeline is built; closed after the pipeline has stopped (the pipeline
   * depends on it), so that the node beats through its pipeline's stop.
   */
  @Bean
  NodeMembership touchpointNodeMembership(NodeRegistry nodes, TouchpointProperties properties) {
    checkTimings(properties.pipeline());
    NodeMembership membership = new NodeMembership(nodes, properties.pipeline().heartbeat());
    membership.join();
    return membership;
  }

  @Bean
  SendPreparation touchpointSendPreparation(ChannelInputBinder binder, ConsentRegistry consent) {
    return new SendPreparation(binder, consent);
  }

  /** The engine needs the plugin that needs the pipeline: it is looked up once it exists, not per answer. */
  @Bean(destroyMethod = "stop")
  SendPipeline touchpointSendPipeline(TouchpointProperties properties, List<ChannelConnector<?>> connectors,
      SendPreparation preparation, DeliveryLedger ledger, DeliveryStatusService statuses, NodeMembership membership,
      PlatformTransactionManager transactionManager, ObjectProvider<ProcessEngine> engine, ProviderThrottles throttles,
      CallDeadline callDeadline, ObjectProvider<SendMetrics> metrics) {
    TouchpointProperties.Pipeline pipeline = properties.pipeline();
    return new SendPipeline(new SendPipeline.Settings(pipeline::concurrencyOf, pipeline.queueCapacity(),
            pipeline.unrecordedAnswers(), pipeline.shutdownGrace(), callDeadline(pipeline)),
        EngineConfiguration.byChannel(connectors), preparation, ledger, statuses, transactionManager,
        SingletonSupplier.of(engine::getObject), membership, throttles, callDeadline,
        metrics.getIfAvailable(() -> SendMetrics.NONE));
  }

  /**
   * A node silent for dead-after is taken over and its sends looked up at the provider; a lane makes no call later
   * than half of that after marking it (its last heartbeat came at most one heartbeat before), so no late call can
   * follow the look.
   */
  private static Duration callDeadline(TouchpointProperties.Pipeline pipeline) {
    return pipeline.deadAfter().dividedBy(2);
  }

  /**
   * Refuses timings out of order before the node joins: with dead-after too close to the heartbeat, one slow beat
   * makes a live node look dead and its sends are taken over; with stale-after shorter than a call may take to go
   * out, a node looks its own call up before the provider can have it, and sends it again.
   */
  private static void checkTimings(TouchpointProperties.Pipeline pipeline) {
    if (pipeline.deadAfter().compareTo(pipeline.heartbeat().multipliedBy(2)) <= 0) {
      throw new IllegalStateException(ErrorCode.CONFIG_013 + " touchpoint.pipeline.dead-after ("
          + print(pipeline.deadAfter()) + ") must be more than twice touchpoint.pipeline.heartbeat ("
          + print(pipeline.heartbeat()) + ")");
    }
    Duration goneOut = callDeadline(pipeline).plus(SendRecovery.CALL_ON_ITS_WAY);
    if (pipeline.staleAfter().compareTo(goneOut) < 0) {
      throw new IllegalStateException(ErrorCode.CONFIG_014 + " touchpoint.pipeline.stale-after ("
          + print(pipeline.staleAfter()) + ") must be at least half of touchpoint.pipeline.dead-after plus "
          + print(SendRecovery.CALL_ON_ITS_WAY) + " (" + print(goneOut) + ")");
    }
  }

  /** As in the properties: 20s, 10m, 1h30m. */
  private static String print(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  @Bean
  SendIntake touchpointSendIntake(SendPreparation preparation, DeliveryLedger ledger, SendPipeline pipeline,
      SendGovernor governor, Clock clock) {
    return new SendIntake(preparation, ledger, pipeline, governor, clock);
  }

  @Bean
  SendRecovery touchpointSendRecovery(TouchpointProperties properties, NodeRegistry nodes, DeliveryLedger ledger,
      StatusReportInbox inbox, SendPipeline pipeline, ObjectProvider<RuntimeService> runtimeService, Clock clock) {
    TouchpointProperties.Pipeline settings = properties.pipeline();
    SendRecovery.Settings recovery = new SendRecovery.Settings(settings.deadAfter(), settings.staleAfter(),
        settings.unknownOutcomeTimeout(), callDeadline(settings));
    return new SendRecovery(recovery, nodes, ledger, inbox, pipeline, runtimeService::getObject, clock);
  }

  @Bean
  PeriodicTask touchpointSendRecoveryTask(SendRecovery recovery, TouchpointProperties properties) {
    return new PeriodicTask("send-recovery", recovery, properties.pipeline().heartbeat());
  }
}
