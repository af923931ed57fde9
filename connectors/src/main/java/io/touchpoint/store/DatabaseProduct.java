package io.touchpoint.store;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database a data source reaches: what PostgreSQL needs done, H2 (one process, analyzing itself) does not. */
public final class DatabaseProduct {

  private DatabaseProduct() {
  }

  /** Read from the database: the data source opens a connection. */
  public static boolean isPostgres(DataSource dataSource) {
    try {
      return "PostgreSQL".equals(
          JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException unreadable) {
      throw new IllegalStateException(unreadable);
    }
  }

  /** Read from the JDBC URL alone, for a pool not yet open or a database out of reach. */
  public static boolean isPostgresUrl(String jdbcUrl) {
    return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
  }
}
