package io.touchpoint.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nodes sharing the database, each with a heartbeat. A node whose heartbeat is older than the
 * dead-after period is presumed gone: a live node takes over its unfinished sends. Each start of the
 * application is a new node, so a restarted node takes over what it left behind like any other.
 *
 * <p>Heartbeats are written and judged by the database's clock, which all nodes share: a node whose own clock runs
 * behind by more than dead-after (a host whose time sync failed) would otherwise look dead to the others for as long
 * as it lives, and see its sends taken over and looked up while its own calls are still on their way.
 *
 * <p>Each node records the name its database sessions carry, when they carry the one it gave them: a node that takes
 * over a silent node's work ends its sessions by that name (see {@link NodeSessions}).
 */
public class NodeRegistry {

  /** The heartbeat of a node that left: long before any dead-after, and unlike any a live node writes. */
  private static final OffsetDateTime LEFT = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final NodeIdentity identity;
  private final NodeSessions sessions;

  public NodeRegistry(JdbcClient jdbc, Clock clock, NodeIdentity identity, NodeSessions sessions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.identity = identity;
    this.sessions = sessions;
  }

  /** This node's id, unique per start, readable by operators: {@code host/uuid}. */
  public String nodeId() {
    return identity.id();
  }

  /**
   * Records this node, started now by its own clock (for operators), beating now by the database's, and its sessions'
   * name if they carry the one it gave them.
   */
  public void join() {
    String sessionName = sessions.carry(identity.sessionName()) ? identity.sessionName() : null;
    jdbc.sql("insert into tp_node (id, started_at, heartbeat_at, session_name) values (?, ?, current_timestamp, ?)")
        .params(identity.id(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), sessionName).update();
  }

  public void beat() {
    String beat = "update tp_node set heartbeat_at = current_timestamp where id = ?";
    if (jdbc.sql(beat).param(identity.id()).update() == 0) {
      join(); // forgotten by another node after a long pause: this node is alive again
    }
  }

  /**
   * A node presumed gone: it left at a graceful stop, or it missed its heartbeats (crashed, frozen, cut off).
   *
   * @param sessionName what its database sessions are named, if they are
   */
  public record GoneNode(String id, boolean left, String sessionName) {
  }

  /** Nodes that left, or missed their heartbeats for longer than {@code deadAfter}, by the database's clock. */
  public List<GoneNode> presumedDead(Duration deadAfter) {
    OffsetDateTime databaseNow = jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single();
    return jdbc.sql("select id, heartbeat_at, session_name from tp_node where heartbeat_at < ? and id <> ?")
        .params(databaseNow.minus(deadAfter), identity.id())
        .query((rs, row) -> new GoneNode(rs.getString("id"),
            rs.getObject("heartbeat_at", OffsetDateTime.class).isEqual(LEFT), rs.getString("session_name")))
        .list();
  }

  /**
   * Ends the sessions of a node that fell silent, so that what it left open rolls back and frees its locks: those
   * that have not moved for {@code untouchedFor}; returns how many. A node that left closed its own.
   */
  public int endSessionsOf(GoneNode silent, Duration untouchedFor) {
    return silent.left() || silent.sessionName() == null ? 0 : sessions.end(silent.sessionName(), untouchedFor);
  }

  /**
   * At a graceful stop, once this node's calls are answered and recorded: it counts as dead from now on, so a live
   * node takes over what it leaves queued at its next recovery run rather than after dead-after. Its row stays for
   * that node to find; the taker removes it.
   */
  public void leave() {
    jdbc.sql("update tp_node set heartbeat_at = ? where id = ?").params(LEFT, identity.id()).update();
  }

  /** Removes a node whose work has been taken over. */
  public void forget(String id) {
    jdbc.sql("delete from tp_node where id = ?").param(id).update();
  }
}
