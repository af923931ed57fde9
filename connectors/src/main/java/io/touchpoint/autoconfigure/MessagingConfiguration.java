package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.TwilioRestClient;
import io.touchpoint.channel.rcs.RcsConnector;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Channel;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.simulator.SimulatedMessaging;
import io.touchpoint.provider.simulator.StatusSimulator;
import io.touchpoint.provider.twilio.TwilioContentTemplates;
import io.touchpoint.provider.twilio.TwilioHttpClient;
import io.touchpoint.provider.twilio.TwilioMessaging;
import io.touchpoint.provider.unconfigured.UnconfiguredChannel;
import java.net.URI;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * SMS, WhatsApp and RCS: through Twilio when its credentials and the channel's sender are set, else on the
 * simulator if it is enabled, else without a provider (sends fail with an incident). Each connector backs off when
 * the application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(MessagingConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @Conditional(TwilioCredentialsCondition.class)
  static class Twilio {

    @Bean
    @ConditionalOnMissingBean
    TwilioRestClient twilioRestClient(TouchpointProperties properties, CallDeadline callDeadline) {
      TouchpointProperties.Twilio twilio = properties.twilio();
      return new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
          .httpClient(new TwilioHttpClient(twilio.apiBaseUrl(),
              properties.pipeline().concurrencyOf(TwilioMessaging.NAME), callDeadline))
          .build();
    }

    @Bean
    TwilioContentTemplates twilioContentTemplates(TwilioRestClient client, JdbcClient touchpointJdbc,
        PlatformTransactionManager transactionManager, ObjectProvider<ObjectMapper> json, Clock clock) {
      return new TwilioContentTemplates(client, touchpointJdbc, transactionManager, json.getIfAvailable(ObjectMapper::new),
          clock);
    }
  }

  /**
   * Says at start when the Twilio client is the application's own and not built on {@link TwilioHttpClient}: its
   * calls are not checked against their deadline right before they are written.
   */
  @Bean
  SmartInitializingSingleton touchpointTwilioClientCheck(ObjectProvider<TwilioRestClient> client) {
    return () -> client.ifAvailable(twilio -> {
      if (!(twilio.getHttpClient() instanceof TwilioHttpClient)) {
        LOG.warn(ErrorCode.START_006 + " the application's own TwilioRestClient does not check a call's deadline "
            + "right before writing it: a node paused after its lane's check may send a message that the node which "
            + "took its send over has already sent; build the client's HttpClient with {}",
            TwilioHttpClient.class.getName());
      }
    });
  }

  /** Picks each phone channel's provider: Twilio when configured, else the simulator if enabled, else none. */
  @Bean
  MessagingProviders touchpointMessagingProviders(TouchpointProperties properties, Environment environment,
      StatusSimulator simulator, ObjectProvider<TwilioRestClient> client, ObjectProvider<TwilioContentTemplates> twilio,
      ObjectProvider<ObjectMapper> json) {
    return channel -> {
      String from = switch (channel) {
        case SMS -> properties.twilio().smsFrom();
        case WHATSAPP -> properties.twilio().whatsappFrom();
        default -> properties.twilio().rcsFrom();
      };
      String messagingService = blankToNull(properties.twilio().messagingServiceSid());
      // Touchpoint's Twilio credentials are needed even with the application's own client: callbacks are verified
      // with the auth token, and the content templates exist only with them
      if (client.getIfAvailable() == null || twilio.getIfAvailable() == null
          || (blankToNull(from) == null && messagingService == null)) {
        return properties.simulator().enabled() ? new SimulatedMessaging(simulator)
            : new UnconfiguredChannel(channel, MissingProviderSettings.of(channel, environment));
      }
      URI statusCallback = URI.create(properties.publicBaseUrl().toString().replaceAll("/+$", "")
          + "/callbacks/twilio/status");
      return new TwilioMessaging(client.getObject(), new TwilioMessaging.Sender(blankToNull(from), messagingService),
          statusCallback, twilio.getObject(), json.getIfAvailable(ObjectMapper::new));
    };
  }

  /** The provider of a phone channel. */
  @FunctionalInterface
  interface MessagingProviders {

    MessagingProvider of(Channel channel);
  }

  @Bean
  @ConditionalOnMissingBean
  SmsConnector smsConnector(MessagingProviders providers) {
    return new SmsConnector(providers.of(Channel.SMS));
  }

  @Bean
  @ConditionalOnMissingBean
  WhatsAppConnector whatsAppConnector(MessagingProviders providers) {
    return new WhatsAppConnector(providers.of(Channel.WHATSAPP));
  }

  @Bean
  @ConditionalOnMissingBean
  RcsConnector rcsConnector(MessagingProviders providers, ObjectProvider<ObjectMapper> json) {
    return new RcsConnector(providers.of(Channel.RCS), json.getIfAvailable(ObjectMapper::new));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
