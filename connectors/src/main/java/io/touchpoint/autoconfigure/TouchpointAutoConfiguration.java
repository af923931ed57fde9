package io.touchpoint.autoconfigure;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.inbound.InboundMessageService;
import io.touchpoint.inbound.ProviderReportIntake;
import io.touchpoint.provider.simulator.StatusSimulator;
import io.touchpoint.provider.unconfigured.UnconfiguredChannel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Touchpoint as a Camunda 7 plugin: add {@code touchpoint-connectors} to a Camunda Spring Boot
 * application and its engine runs journeys. A channel without provider credentials runs on the
 * built-in simulator when {@code touchpoint.simulator.enabled} is set, else its sends fail with an
 * incident; the startup log says which channel is live, simulated or not configured.
 */
@AutoConfiguration(before = CamundaBpmAutoConfiguration.class,
    after = {DataSourceAutoConfiguration.class, TransactionAutoConfiguration.class, MailSenderAutoConfiguration.class})
@ConditionalOnClass(ProcessEngine.class)
@EnableConfigurationProperties(TouchpointProperties.class)
@Import({DeliveryConfiguration.class, GovernorConfiguration.class, ProviderThrottleConfiguration.class,
    MonitoringConfiguration.class, EngineConfiguration.class, NodeSessionNaming.class,
    StopWithoutDatabaseConfiguration.class, MessagingConfiguration.class, EmailConfiguration.class,
    PushConfiguration.class, HttpConfiguration.class, WebhookConfiguration.class, PipelineConfiguration.class,
    LaunchConfiguration.class, WebConfiguration.class, AnalyticsConfiguration.class, PrivacyConfiguration.class,
    OperatorConfiguration.class})
public class TouchpointAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(TouchpointAutoConfiguration.class);

  @Bean
  StatusSimulator touchpointStatusSimulator(TouchpointProperties properties, DeliveryStatusService statuses,
      InboundMessageService inbound, Clock clock) {
    TouchpointProperties.Simulator simulator = properties.simulator();
    return new StatusSimulator(new StatusSimulator.Timing(simulator.sentAfter(), simulator.deliveredAfter(),
        simulator.readAfter(), simulator.failureRate(), simulator.readRate(), simulator.replyRate(),
        simulator.replyAfter()), new ProviderReportIntake(statuses, inbound),
        () -> ThreadLocalRandom.current().nextDouble(), clock);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> touchpointChannelReport(List<ChannelConnector<?>> connectors,
      Environment environment) {
    return ready -> connectors.forEach(connector -> {
      String channel = connector.channel().wireName();
      if (UnconfiguredChannel.PROVIDER.equals(connector.provider())) {
        LOG.warn(ErrorCode.START_002 + " channel {}: NOT CONFIGURED, its sends fail with an incident; {}", channel,
            UnconfiguredChannel.remedy(MissingProviderSettings.of(connector.channel(), environment)));
      } else {
        LOG.info(ErrorCode.START_001 + " channel {}: {}", channel, "simulator".equals(connector.provider())
            ? "SIMULATED (no provider credentials or sender configured)" : "LIVE via " + connector.provider());
      }
    });
  }
}
