package io.touchpoint.api;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The input limits on PostgreSQL, whose columns refuse what does not fit (and the NUL character). */
class InputLimitsOnPostgresTest extends InputLimitsContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
