package io.touchpoint.trigger;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The event API on PostgreSQL, where a duplicate key aborts the whole transaction. */
class EventApiOnPostgresTest extends EventApiTest {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
