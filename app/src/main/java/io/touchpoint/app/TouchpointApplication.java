package io.touchpoint.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The runnable Touchpoint distribution: embedded Camunda 7 engine, engine REST API at
 * {@code /engine-rest}, webapps (Cockpit, Tasklist, Admin) at {@code /camunda}, and the
 * {@code touchpoint-connectors} plugin (picked up through its Spring Boot auto-configuration).
 *
 * <p>Profiles: {@code embedded} (default; H2 file database under {@code ./data}, demo user
 * {@code demo}/{@code demo}) and {@code postgres} (PostgreSQL from {@code TOUCHPOINT_DB_*}
 * environment variables, no demo user).
 */
@SpringBootApplication
public class TouchpointApplication {

  public static void main(String[] args) {
    SpringApplication.run(TouchpointApplication.class, args);
  }
}
