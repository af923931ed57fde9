package io.touchpoint.pipeline;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.store.DatabaseProduct;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database sessions of the nodes, told apart by name. A node whose process stops while its machine lives on
 * (paused in a container, stopped in a debugger) keeps its sessions open, and one stopped in the middle of a batch
 * keeps its locks: PostgreSQL's idle timeout does not end it, for it is not idle, and the machine goes on answering
 * TCP keepalives. Journeys and launch chunks that need those locks would wait for as long as the node stays paused.
 * So a node that takes over a silent node's work first ends that node's sessions that have not moved since it fell
 * silent. On H2 there is nothing to do: the database lives in the one node's process.
 */
public interface NodeSessions {

  /** Whether this node's sessions carry the name: only then may another node end them by it. */
  boolean carry(String name);

  /**
   * Ends the sessions with this name that have not changed state for {@code untouchedFor}, so that their open
   * transactions roll back and free their locks; returns how many.
   */
  int end(String name, Duration untouchedFor);

  /** The sessions of this data source's database. */
  static NodeSessions on(DataSource dataSource, JdbcClient jdbc) {
    return DatabaseProduct.isPostgres(dataSource) ? new OnPostgres(jdbc) : Unnamed.INSTANCE;
  }

  /** Sessions that cannot be told apart, or need not be. */
  enum Unnamed implements NodeSessions {
    INSTANCE;

    @Override
    public boolean carry(String name) {
      return false;
    }

    @Override
    public int end(String name, Duration untouchedFor) {
      return 0;
    }
  }

  /** Sessions named by {@code application_name}, ended by {@code pg_terminate_backend}. */
  record OnPostgres(JdbcClient jdbc) implements NodeSessions {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSessions.class);

    @Override
    public boolean carry(String name) {
      String carried = jdbc.sql("select current_setting('application_name')").query(String.class).single();
      if (!name.equals(carried)) {
        LOG.info(ErrorCode.RECOVERY_009 + " this node's database sessions are named '{}', not '{}' (the application "
            + "named them, or its pool is not HikariCP): should this node stop with its sessions open, no other node "
            + "can end them", carried, name);
      }
      return name.equals(carried);
    }

    /**
     * A session that changed state within {@code untouchedFor} belongs to a node that is working after all (every
     * node's heartbeat stops while the database is away): it is left alone.
     */
    @Override
    public int end(String name, Duration untouchedFor) {
      try {
        // ended in the select list: only the sessions the where clause chose, whatever order it is evaluated in
        return jdbc.sql("""
                select count(*) filter (where ended) from (
                  select pg_terminate_backend(pid) as ended from pg_stat_activity
                  where application_name = ? and datname = current_database()
                    and state_change < clock_timestamp() - make_interval(secs => ?)) chosen""")
            .params(name, untouchedFor.toMillis() / 1000.0).query(Integer.class).single();
      } catch (DataAccessException notAllowed) {
        // another database user's sessions, and this one is not a member of pg_signal_backend
        LOG.warn(ErrorCode.RECOVERY_008 + " could not end the database sessions named '{}': {}", name,
            notAllowed.getMostSpecificCause().getMessage());
        return 0;
      }
    }
  }
}
