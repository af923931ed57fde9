package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.simulator.SimulatedMessaging;
import io.touchpoint.simulator.StatusSimulator;
import io.touchpoint.twilio.TwilioHttpClient;
import io.touchpoint.twilio.TwilioMessaging;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * SMS and WhatsApp: through Twilio when its credentials and the channel's sender are set, else
 * on the simulator. Each connector backs off when the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  @Bean
  @ConditionalOnMissingBean
  @Conditional(TwilioCredentialsCondition.class)
  TwilioRestClient twilioRestClient(TouchpointProperties properties) {
    TouchpointProperties.Twilio twilio = properties.twilio();
    return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
        .httpClient(new TwilioHttpClient(twilio.apiBaseUrl()))
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  SmsConnector smsConnector(ObjectProvider<TwilioRestClient> twilio, TouchpointProperties properties,
      StatusSimulator simulator, ObjectProvider<ObjectMapper> json) {
    return new SmsConnector(provider(twilio, properties, properties.twilio().smsFrom(), simulator, json));
  }

  @Bean
  @ConditionalOnMissingBean
  WhatsAppConnector whatsAppConnector(ObjectProvider<TwilioRestClient> twilio, TouchpointProperties properties,
      StatusSimulator simulator, ObjectProvider<ObjectMapper> json) {
    return new WhatsAppConnector(provider(twilio, properties, properties.twilio().whatsappFrom(), simulator, json));
  }

  private static MessagingProvider provider(ObjectProvider<TwilioRestClient> twilio, TouchpointProperties properties,
      String from, StatusSimulator simulator, ObjectProvider<ObjectMapper> json) {
    TwilioRestClient client = twilio.getIfAvailable();
    String messagingService = blankToNull(properties.twilio().messagingServiceSid());
    if (client == null || (blankToNull(from) == null && messagingService == null)) {
      return new SimulatedMessaging(simulator);
    }
    URI statusCallback = URI.create(properties.publicBaseUrl().toString().replaceAll("/+$", "")
        + "/callbacks/twilio/status");
    return new TwilioMessaging(client, new TwilioMessaging.Sender(blankToNull(from), messagingService),
        statusCallback, json.getIfAvailable(ObjectMapper::new));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
