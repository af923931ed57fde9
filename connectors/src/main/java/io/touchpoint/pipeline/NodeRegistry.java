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
 */
public class NodeRegistry {

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

  public void join() {
    OffsetDateTime now = now();
    jdbc.sql("insert into tp_node (id, started_at, heartbeat_at) values (?, ?, ?)")
        .params(nodeId, now, now).update();
  }

  public void beat() {
    if (jdbc.sql("update tp_node set heartbeat_at = ? where id = ?").params(now(), nodeId).update() == 0) {
      join(); // forgotten by another node after a long pause: this node is alive again
    }
  }

  /** Nodes that missed their heartbeats for longer than {@code deadAfter}. */
  public List<String> presumedDead(Duration deadAfter) {
    return jdbc.sql("select id from tp_node where heartbeat_at < ? and id <> ?")
        .params(OffsetDateTime.ofInstant(clock.instant().minus(deadAfter), ZoneOffset.UTC), nodeId)
        .query(String.class).list();
  }

  /** Removes a node whose work has been taken over, or this node when it stops. */
  public void forget(String id) {
    jdbc.sql("delete from tp_node where id = ?").param(id).update();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "node";
    }
  }
}
