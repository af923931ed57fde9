package io.touchpoint.autoconfigure;

import io.touchpoint.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates and upgrades Touchpoint's own tables from {@code db/touchpoint/V<n>__*.sql}, recording
 * applied versions in {@code tp_schema_version}. Deliberately not Flyway: a plugin that brings
 * Flyway onto the classpath switches on Spring Boot's Flyway auto-configuration for the host
 * application, which then fails on the host's non-empty schema. Scripts are idempotent
 * ({@code if not exists}), so cluster nodes starting together may all run them.
 */
public class TouchpointSchema {

  private static final Logger LOG = LoggerFactory.getLogger(TouchpointSchema.class);
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

  public TouchpointSchema(DataSource dataSource) {
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("create table if not exists tp_schema_version (version integer not null primary key)");
    int current = jdbc.queryForObject("select coalesce(max(version), 0) from tp_schema_version", Integer.class);
    for (Resource script : scripts()) {
      int version = version(script);
      if (version > current) {
        try (Connection connection = dataSource.getConnection()) {
          ScriptUtils.executeSqlScript(connection, script);
        } catch (SQLException e) {
          throw new IllegalStateException(ErrorCode.SCHEMA_001 + " could not apply " + script.getFilename(), e);
        }
        jdbc.update("insert into tp_schema_version (version) select ? where not exists "
            + "(select 1 from tp_schema_version where version = ?)", version, version);
        LOG.info(ErrorCode.SCHEMA_002 + " applied {}", script.getFilename());
      }
    }
  }

  private static Resource[] scripts() {
    try {
      Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:db/touchpoint/V*__*.sql");
      Arrays.sort(scripts, Comparator.comparingInt(TouchpointSchema::version));
      return scripts;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int version(Resource script) {
    Matcher matcher = VERSIONED.matcher(script.getFilename());
    if (!matcher.matches()) {
      throw new IllegalStateException(ErrorCode.SCHEMA_003 + " unexpected script name " + script.getFilename());
    }
    return Integer.parseInt(matcher.group(1));
  }
}
