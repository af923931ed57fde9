package io.touchpoint.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class AdminUserFromEnvironmentTest {

  private final AdminUserFromEnvironment postProcessor = new AdminUserFromEnvironment();

  private StandardEnvironment environment(Map<String, Object> values) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", values));
    return environment;
  }

  @Test
  void nothingWhenVariablesAreMissingOrBlank() {
    for (Map<String, Object> values : java.util.List.<Map<String, Object>>of(
        Map.of(), Map.of("TOUCHPOINT_ADMIN_USER", "ops"),
        Map.of("TOUCHPOINT_ADMIN_USER", " ", "TOUCHPOINT_ADMIN_PASSWORD", "x"),
        Map.of("TOUCHPOINT_ADMIN_USER", "ops", "TOUCHPOINT_ADMIN_PASSWORD", ""))) {
      StandardEnvironment environment = environment(values);
      postProcessor.postProcessEnvironment(environment, new SpringApplication());
      assertThat(environment.getProperty("camunda.bpm.admin-user.id")).as(values.toString()).isNull();
    }
  }

  @Test
  void mapsVariablesToCamundaAdminUser() {
    StandardEnvironment environment = environment(
        Map.of("TOUCHPOINT_ADMIN_USER", "ops", "TOUCHPOINT_ADMIN_PASSWORD", "pw"));
    postProcessor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isEqualTo("ops");
    assertThat(environment.getProperty("camunda.bpm.admin-user.password")).isEqualTo("pw");
  }

  @Test
  void explicitConfigurationWins() {
    StandardEnvironment environment = environment(Map.of(
        "camunda.bpm.admin-user.id", "demo", "camunda.bpm.admin-user.password", "demo",
        "TOUCHPOINT_ADMIN_USER", "ops", "TOUCHPOINT_ADMIN_PASSWORD", "pw"));
    postProcessor.postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isEqualTo("demo");
  }
}
