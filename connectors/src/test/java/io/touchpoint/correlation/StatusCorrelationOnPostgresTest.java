package io.touchpoint.correlation;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The status correlation contract on PostgreSQL, the production database. */
class StatusCorrelationOnPostgresTest extends StatusCorrelationContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
