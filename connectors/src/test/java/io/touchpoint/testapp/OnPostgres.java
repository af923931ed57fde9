package io.touchpoint.testapp;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A journey test class that runs on the embedded PostgreSQL instead of H2. One property method for every such
 * class: Spring's context cache keys on the method, so classes that differ in nothing else share one application
 * (and one database) instead of starting their own.
 */
public interface OnPostgres {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
