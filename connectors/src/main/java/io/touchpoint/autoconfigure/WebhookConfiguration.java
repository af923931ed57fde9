package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.webhook.SecretResolver;
import io.touchpoint.channel.webhook.WebhookCallLedger;
import io.touchpoint.channel.webhook.WebhookCalls;
import io.touchpoint.channel.webhook.WebhookConnector;
import io.touchpoint.provider.http.GuardedHttpClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The webhook task ({@code ${touchpointWebhook}}) and secret references; it calls out through the guarded client. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WebhookConnector webhookConnector(Environment environment, GuardedHttpClient http,
      ObjectProvider<ObjectMapper> mapper, WebhookCalls webhookCalls) {
    return new WebhookConnector(new SecretResolver(environment), http, mapper.getIfAvailable(ObjectMapper::new),
        webhookCalls);
  }

  @Bean
  WebhookCalls touchpointWebhookCalls(JdbcClient touchpointJdbc, Clock clock) {
    return new WebhookCallLedger(touchpointJdbc, clock);
  }
}
