package io.touchpoint.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Lets an operator create the first administrator without a config file: when both
 * {@code TOUCHPOINT_ADMIN_USER} and {@code TOUCHPOINT_ADMIN_PASSWORD} are set (environment
 * variables or any Spring property source), they become {@code camunda.bpm.admin-user.id} and
 * {@code .password}, and Camunda's starter creates that user (group {@code camunda-admin}, all
 * authorizations) at startup unless it already exists.
 *
 * <p>The values are added with the lowest precedence, so an explicit {@code camunda.bpm.admin-user}
 * (e.g. the demo user of the default {@code embedded} profile) wins. When either variable is
 * missing or blank nothing is added: the {@code postgres} profile then has no admin user at all.
 */
public class AdminUserFromEnvironment implements EnvironmentPostProcessor, Ordered {

  static final String USER_VARIABLE = "TOUCHPOINT_ADMIN_USER";
  static final String PASSWORD_VARIABLE = "TOUCHPOINT_ADMIN_PASSWORD";
  static final String PROPERTY_SOURCE_NAME = "touchpointAdminUserFromEnvironment";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String user = environment.getProperty(USER_VARIABLE);
    String password = environment.getProperty(PASSWORD_VARIABLE);
    if (!StringUtils.hasText(user) || !StringUtils.hasText(password)) {
      return;
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("camunda.bpm.admin-user.id", user.trim());
    properties.put("camunda.bpm.admin-user.password", password);
    environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
  }

  @Override
  public int getOrder() {
    // After config data (application*.yaml) has been loaded.
    return Ordered.LOWEST_PRECEDENCE;
  }
}
