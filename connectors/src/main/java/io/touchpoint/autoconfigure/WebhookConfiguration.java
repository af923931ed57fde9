package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.channel.webhook.SecretResolver;
import io.touchpoint.channel.webhook.WebhookCallLedger;
import io.touchpoint.channel.webhook.WebhookCalls;
import io.touchpoint.channel.webhook.WebhookTask;
import io.touchpoint.provider.http.GuardedHttpClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The webhook task ({@code ${touchpointWebhook}}) and secret references; it calls out through the guarded client. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  /** Named as the webhook template's delegate expression. */
  @Bean
  WebhookTask touchpointWebhook(ChannelInputBinder binder, Environment environment, GuardedHttpClient http,
      ObjectProvider<ObjectMapper> mapper, WebhookCalls webhookCalls) {
    return new WebhookTask(binder, new SecretResolver(environment), http, mapper.getIfAvailable(ObjectMapper::new),
        webhookCalls);
  }

  @Bean
  WebhookCalls touchpointWebhookCalls(JdbcClient touchpointJdbc, PlatformTransactionManager transactionManager,
      Clock clock) {
    return new WebhookCallLedger(touchpointJdbc, transactionManager, clock);
  }
}
