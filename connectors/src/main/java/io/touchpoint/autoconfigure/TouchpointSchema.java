package io.touchpoint.autoconfigure;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates Touchpoint's own tables with a Flyway history table of their own, so the plugin
 * never interferes with the host application's migrations.
 */
public class TouchpointSchema {

  public TouchpointSchema(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/touchpoint")
        .table("tp_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }
}
