package io.touchpoint.autoconfigure;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.ProviderBudget;
import io.touchpoint.governor.ProviderRateLimit;
import io.touchpoint.governor.ProviderThrottle;
import io.touchpoint.governor.ProviderThrottles;
import io.touchpoint.pipeline.NodeRegistry;
import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Provider rate limits and 429 pauses, from {@code touchpoint.governor.rate-limits.*} and {@code throttle-*}. */
@Configuration(proxyBeanMethods = false)
class ProviderThrottleConfiguration {

  @Bean
  ProviderBudget touchpointProviderBudget(JdbcClient touchpointJdbc, InsertOnce insertOnce,
      PlatformTransactionManager transactionManager, Clock clock) {
    return new ProviderBudget(touchpointJdbc, insertOnce, transactionManager, clock);
  }

  @Bean
  ProviderThrottles touchpointProviderThrottles(TouchpointProperties properties, ProviderBudget budget,
      NodeRegistry nodes, Clock clock) {
    TouchpointProperties.Governor governor = properties.governor();
    return new ProviderThrottles(rateLimits(governor), governor.rateLimitMargin(),
        new ProviderThrottle.Backoff(governor.throttleBackoff(), governor.throttleMaxBackoff(),
            governor.throttleRefresh()), budget, nodes.nodeId(), clock);
  }

  /** Reads the limits once at start; a malformed one stops the start, naming its property. */
  static List<ProviderRateLimit> rateLimits(TouchpointProperties.Governor governor) {
    return governor.rateLimits().entrySet().stream().map(limit -> {
      try {
        return ProviderRateLimit.parse(limit.getKey(), limit.getValue());
      } catch (IllegalArgumentException malformed) {
        throw new IllegalStateException(ErrorCode.CONFIG_012 + " touchpoint.governor.rate-limits." + limit.getKey()
            + ": " + malformed.getMessage(), malformed);
      }
    }).toList();
  }
}
