package io.touchpoint.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nodes sharing the database, each with a heartbeat. A node whose heartbeat is older than the
 * dead-after period is presumed gone: a live node takes over its unfinished sends. Each start of the
 * application is a new node, so a restarted node takes over what it left behind like any other.
 *
 * <p>Heartbeats are written and judged by the database's clock, which all nodes share: a node whose own clock runs
 * behind by more than dead-after (a host whose time sync failed) would otherwise look dead to the others for as long
 * as it lives, and see its sends taken over and looked up while its own calls are still on their way.
 */
public class NodeRegistry {

  /** The heartbeat of a node that left: long before any dead-after, and unlike any a live node writes. */
  private static final OffsetDateTime LEFT = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String nodeId;

  public NodeRegistry(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.nodeId = hostName() + "/" + UUID.randomUUID();
  }

  /** This node's id, unique per start, readable by operators: {@code host/uuid}. */
  public String nodeId() {
    return nodeId;
  }

  /** Records this node, started now by its own clock (for operators), beating now by the database's. */
  public void join() {
    jdbc.sql("insert into tp_node (id, started_at, heartbeat_at) values (?, ?, current_timestamp)")
        .params(nodeId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
  }

  public void beat() {
    if (jdbc.sql("update tp_node set heartbeat_at = current_timestamp where id = ?").param(nodeId).update() == 0) {
      join(); // forgotten by another node after a long pause: this node is alive again
    }
  }

  /** A node presumed gone: it left at a graceful stop, or it missed its heartbeats (crashed, frozen, cut off). */
  public record GoneNode(String id, boolean left) {
  }

  /** Nodes that left, or missed their heartbeats for longer than {@code deadAfter}, by the database's clock. */
  public List<GoneNode> presumedDead(Duration deadAfter) {
    OffsetDateTime databaseNow = jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single();
    return jdbc.sql("select id, heartbeat_at from tp_node where heartbeat_at < ? and id <> ?")
        .params(databaseNow.minus(deadAfter), nodeId)
        .query((rs, row) -> new GoneNode(rs.getString("id"),
            rs.getObject("heartbeat_at", OffsetDateTime.class).isEqual(LEFT)))
        .list();
  }

  /**
   * At a graceful stop, once this node's calls are answered and recorded: it counts as dead from now on, so a live
   * node takes over what it leaves queued at its next recovery run rather than after dead-after. Its row stays for
   * that node to find; the taker removes it.
   */
  public void leave() {
    jdbc.sql("update tp_node set heartbeat_at = ? where id = ?").params(LEFT, nodeId).update();
  }

  /** Removes a node whose work has been taken over. */
  public void forget(String id) {
    jdbc.sql("delete from tp_node where id = ?").param(id).update();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "node";
    }
  }
}
