package io.touchpoint.app.security;

import jakarta.servlet.Filter;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the Camunda engine REST API ({@code /engine-rest/**}) behind HTTP Basic authentication,
 * checked against the engine's identity service (Camunda's own filter and provider).
 *
 * <p>Out of scope on purpose: the webapps ({@code /camunda/**}) use Camunda's built-in login, and
 * the plugin's {@code /api/**} and {@code /callbacks/**} endpoints authenticate callers themselves
 * (API keys, provider signatures), so this filter is mapped to {@code /engine-rest/*} only.
 */
@Configuration(proxyBeanMethods = false)
public class EngineRestSecurity {

  public static final String ENGINE_REST_URL_PATTERN = "/engine-rest/*";

  @Bean
  public FilterRegistrationBean<Filter> engineRestAuthenticationFilter() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("touchpoint-engine-rest-auth");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(ENGINE_REST_URL_PATTERN);
    return registration;
  }
}
