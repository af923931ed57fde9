package io.touchpoint.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Actuator behind the same logins as the engine REST API (HTTP Basic, checked against the engine's identity
 * service): {@code /actuator/health} answers everyone with its summary status, and shows its components (the
 * {@code touchpoint} providers among them) to a logged-in caller only ({@code show-details: when-authorized} sees
 * the caller as logged in); every other actuator endpoint, {@code /actuator/prometheus} among them, needs the login.
 */
@Configuration(proxyBeanMethods = false)
public class ActuatorSecurity {

  static final String HEALTH = "/actuator/health";

  @Bean
  public FilterRegistrationBean<OncePerRequestFilter> actuatorAuthenticationFilter(
      ObjectProvider<ProcessEngine> engine) {
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new Login(engine));
    registration.setName("touchpoint-actuator-auth");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    return registration;
  }

  /** Lets a valid login through as the request's principal; without one, only the health summary. */
  static final class Login extends OncePerRequestFilter {

    private final ObjectProvider<ProcessEngine> engine;

    Login(ObjectProvider<ProcessEngine> engine) {
      this.engine = engine;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String user = authenticatedUser(request.getHeader("Authorization"));
      if (user != null) {
        Principal principal = () -> user;
        chain.doFilter(new HttpServletRequestWrapper(request) {
          @Override
          public Principal getUserPrincipal() {
            return principal;
          }

          @Override
          public String getRemoteUser() {
            return user;
          }
        }, response);
      } else if (request.getHeader("Authorization") == null && HEALTH.equals(request.getRequestURI())) {
        chain.doFilter(request, response);
      } else {
        response.setHeader("WWW-Authenticate", "Basic realm=\"touchpoint\"");
        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      }
    }

    private String authenticatedUser(String authorization) {
      if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String credentials;
      try {
        credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
      int colon = credentials.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      String user = credentials.substring(0, colon);
      return engine.getObject().getIdentityService().checkPassword(user, credentials.substring(colon + 1)) ? user
          : null;
    }
  }
}
