package io.touchpoint.autoconfigure;

import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.SsrfGuard;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF-guarded HTTP client of every call to an address a journey names (webhooks, email attachments). */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

  @Bean(destroyMethod = "close")
  GuardedHttpClient touchpointHttpClient(TouchpointProperties properties, CallDeadline callDeadline) {
    return new GuardedHttpClient(new SsrfGuard(Set.copyOf(properties.webhook().allowedHosts())), callDeadline);
  }
}
