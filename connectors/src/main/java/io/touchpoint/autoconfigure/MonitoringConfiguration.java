package io.touchpoint.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.governor.ProviderThrottles;
import io.touchpoint.monitoring.CallbackLagTimer;
import io.touchpoint.monitoring.GovernorMeters;
import io.touchpoint.monitoring.HeldSendGauges;
import io.touchpoint.monitoring.PipelineBacklog;
import io.touchpoint.monitoring.ProviderHealth;
import io.touchpoint.monitoring.SendMeters;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.provider.unconfigured.UnconfiguredChannel;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Metrics (where the application has Micrometer) and the {@code touchpoint} health component (where it also has
 * Actuator). Without a registry bean the meters count into one of their own, which nothing exports, so provider
 * health still knows which calls failed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MeterRegistry.class)
class MonitoringConfiguration {

  /** How stale the held-sends gauge may be: one grouped query per this period, however often it is scraped. */
  private static final Duration HELD_REFRESH = Duration.ofSeconds(10);

  @Bean
  SendMeters touchpointSendMeters(ObjectProvider<MeterRegistry> registry) {
    return new SendMeters(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  GovernorMeters touchpointGovernorMeters(ObjectProvider<MeterRegistry> registry) {
    return new GovernorMeters(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  CallbackLagTimer touchpointCallbackLag(ObjectProvider<MeterRegistry> registry) {
    return new CallbackLagTimer(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  PipelineBacklog touchpointPipelineBacklog(SendPipeline pipeline, List<ChannelConnector<?>> connectors) {
    return new PipelineBacklog(pipeline, providers(connectors));
  }

  @Bean
  HeldSendGauges touchpointHeldSendGauges(JdbcClient touchpointJdbc) {
    return new HeldSendGauges(touchpointJdbc, HELD_REFRESH);
  }

  /** The providers this installation calls (a channel without one calls none). */
  static List<String> providers(List<ChannelConnector<?>> connectors) {
    return connectors.stream().map(ChannelConnector::provider)
        .filter(provider -> !UnconfiguredChannel.PROVIDER.equals(provider)).distinct().sorted().toList();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HealthIndicator.class)
  static class Health {

    /** Named so that Actuator calls the component {@code touchpoint}. */
    @Bean
    ProviderHealth touchpointHealthIndicator(List<ChannelConnector<?>> connectors, ProviderThrottles throttles,
        SendMeters sends) {
      return new ProviderHealth(providers(connectors), throttles, sends);
    }
  }
}
