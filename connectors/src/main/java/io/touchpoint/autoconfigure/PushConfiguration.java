package io.touchpoint.autoconfigure;

import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.channel.push.PushSender;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.fcm.FcmPushSender;
import io.touchpoint.simulator.SimulatedPush;
import io.touchpoint.simulator.StatusSimulator;
import io.touchpoint.tracking.TrackingLinks;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Push: through Firebase Cloud Messaging when {@code touchpoint.fcm} is configured, else simulated. */
@Configuration(proxyBeanMethods = false)
class PushConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PushSender touchpointPushSender(TouchpointProperties properties, TrackingLinks links, StatusSimulator simulator) {
    TouchpointProperties.Fcm fcm = properties.fcm();
    return fcm.isConfigured()
        ? new FcmPushSender(fcm.projectId(), fcm.credentialsFile(), fcm.apiBaseUrl(), links)
        : new SimulatedPush(simulator);
  }

  @Bean
  @ConditionalOnMissingBean
  PushConnector pushConnector(PushSender sender, ConsentRegistry consent) {
    return new PushConnector(sender, consent);
  }
}
