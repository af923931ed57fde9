package io.touchpoint.store;

import com.zaxxer.hikari.HikariDataSource;
import io.touchpoint.error.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * A node stopped while its PostgreSQL cannot be reached closes its connection pool before anything else stops, so that
 * each step of the stop that needs a connection (the send pipeline handing its sends back, the engine's metrics and
 * its close) fails at once instead of waiting out the pool's connection timeout: such a stop took 134 s, 30 s a step.
 * What the node leaves undone, the other nodes take over as after a crash; {@link DatabaseLostAtStop} tells the work
 * that was already waiting for a connection. A database that answers is left alone.
 * The check runs on {@link ContextClosedEvent}, which Spring publishes before it stops any lifecycle bean.
 */
public class StopWithoutDatabase implements ApplicationListener<ContextClosedEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(StopWithoutDatabase.class);
  /** How long the look at the database may take: a connection refused answers at once, a lost host within this. */
  private static final String PROBE_SECONDS = "2";
  /** SQLSTATE class 08, connection exception: the database was not reached (not: it refused this login). */
  private static final String CONNECTION_EXCEPTION = "08";

  private final DataSource dataSource;
  private final ApplicationContext context;

  public StopWithoutDatabase(DataSource dataSource, ApplicationContext context) {
    this.dataSource = dataSource;
    this.context = context;
  }

  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    if (event.getApplicationContext() != context) {
      return;
    }
    HikariDataSource pool = postgresPool();
    if (pool != null && !reachable(pool)) {
      LOG.warn(ErrorCode.RECOVERY_010 + " the database cannot be reached as this node stops: its connection pool is "
          + "closed first, and the other nodes take over what it leaves");
      pool.close();
      context.publishEvent(new DatabaseLostAtStop());
    }
  }

  private HikariDataSource postgresPool() {
    try {
      if (!dataSource.isWrapperFor(HikariDataSource.class)) {
        return null;
      }
      HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
      return !pool.isClosed() && DatabaseProduct.isPostgresUrl(pool.getJdbcUrl()) ? pool : null;
    } catch (SQLException unwrapping) {
      return null;
    }
  }

  /** Whether a connection of its own, outside the pool (whose waits are the problem), reaches the database. */
  private static boolean reachable(HikariDataSource pool) {
    Properties properties = new Properties();
    properties.putAll(pool.getDataSourceProperties());
    if (pool.getUsername() != null) {
      properties.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      properties.setProperty("password", pool.getPassword());
    }
    properties.setProperty("connectTimeout", PROBE_SECONDS);
    properties.setProperty("loginTimeout", PROBE_SECONDS);
    properties.setProperty("socketTimeout", PROBE_SECONDS);
    try (Connection probe = DriverManager.getConnection(pool.getJdbcUrl(), properties)) {
      return true;
    } catch (SQLException failed) {
      return failed.getSQLState() == null || !failed.getSQLState().startsWith(CONNECTION_EXCEPTION);
    }
  }
}
