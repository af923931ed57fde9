package io.touchpoint.analytics;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The analytics contract on PostgreSQL, the production database. */
class JourneyAnalyticsOnPostgresTest extends JourneyAnalyticsContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
