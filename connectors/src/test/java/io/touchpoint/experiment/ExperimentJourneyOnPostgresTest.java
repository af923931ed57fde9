package io.touchpoint.experiment;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The experiment contract on PostgreSQL, the production database. */
class ExperimentJourneyOnPostgresTest extends ExperimentJourneyContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
