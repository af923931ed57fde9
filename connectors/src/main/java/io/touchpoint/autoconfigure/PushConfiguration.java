package io.touchpoint.autoconfigure;

import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Channel;
import io.touchpoint.provider.PushSender;
import io.touchpoint.provider.fcm.FcmPushSender;
import io.touchpoint.provider.simulator.SimulatedPush;
import io.touchpoint.provider.simulator.StatusSimulator;
import io.touchpoint.provider.unconfigured.UnconfiguredChannel;
import io.touchpoint.tracking.TrackingLinks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Push: through Firebase Cloud Messaging when {@code touchpoint.fcm} is configured, else simulated if the simulator
 * is enabled, else without a provider (sends fail with an incident).
 */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PushSender touchpointPushSender(TouchpointProperties properties, Environment environment,
      StatusSimulator simulator, CallDeadline callDeadline) {
    TouchpointProperties.Fcm fcm = properties.fcm();
    if (fcm.isConfigured()) {
      return new FcmPushSender(fcm.projectId(), fcm.credentialsFile(), fcm.apiBaseUrl(), callDeadline);
    }
    return properties.simulator().enabled() ? new SimulatedPush(simulator)
        : new UnconfiguredChannel(Channel.PUSH, MissingProviderSettings.of(Channel.PUSH, environment));
  }

  @Bean
  @ConditionalOnMissingBean
  PushConnector pushConnector(PushSender sender, ConsentRegistry consent, TrackingLinks links) {
    return new PushConnector(sender, consent, links);
  }
}
