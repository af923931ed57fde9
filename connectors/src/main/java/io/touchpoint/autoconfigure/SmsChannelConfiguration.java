package io.touchpoint.autoconfigure;

import com.twilio.http.TwilioRestClient;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.sms.SmsProvider;
import io.touchpoint.simulator.SimulatedSmsProvider;
import io.touchpoint.simulator.StatusSimulator;
import io.touchpoint.twilio.TwilioHttpClient;
import io.touchpoint.twilio.TwilioSmsProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The SMS channel: Twilio when its credentials are set, else the simulator. */
@Configuration(proxyBeanMethods = false)
class SmsChannelConfiguration {

  @Bean
  SmsConnector smsConnector(SmsProvider smsProvider) {
    return new SmsConnector(smsProvider);
  }

  @Configuration(proxyBeanMethods = false)
  @Conditional(TwilioCredentialsCondition.class)
  static class LiveTwilio {

    @Bean
    @ConditionalOnMissingBean
    TwilioRestClient twilioRestClient(TouchpointProperties properties) {
      TouchpointProperties.Twilio twilio = properties.twilio();
      return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
          .httpClient(new TwilioHttpClient(twilio.apiBaseUrl()))
          .build();
    }

    @Bean
    @ConditionalOnMissingBean
    SmsProvider twilioSmsProvider(TwilioRestClient client, TouchpointProperties properties) {
      TouchpointProperties.Twilio twilio = properties.twilio();
      if (isBlank(twilio.messagingServiceSid()) && isBlank(twilio.smsFrom())) {
        throw new IllegalStateException("TOUCHPOINT-CONFIG-001 Twilio SMS needs touchpoint.twilio.sms-from "
            + "or touchpoint.twilio.messaging-service-sid");
      }
      return new TwilioSmsProvider(client, twilio.smsFrom(),
          isBlank(twilio.messagingServiceSid()) ? null : twilio.messagingServiceSid(),
          properties.publicBaseUrl().resolve("/callbacks/twilio/status"));
    }
  }

  @Bean
  @ConditionalOnMissingBean(SmsProvider.class)
  SmsProvider simulatedSmsProvider(StatusSimulator simulator) {
    return new SimulatedSmsProvider(simulator);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
