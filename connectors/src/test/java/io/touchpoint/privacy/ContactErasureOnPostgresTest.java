package io.touchpoint.privacy;

import io.touchpoint.testapp.EmbeddedPostgresDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The erasure contract on PostgreSQL, the production database. An application and database of its own, not the one
 * {@link io.touchpoint.testapp.OnPostgres} classes share: there, once in three full runs, a welcome send stayed at
 * its task (cause not found yet).
 */
class ContactErasureOnPostgresTest extends ContactErasureContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    EmbeddedPostgresDatabase.register(registry);
  }
}
