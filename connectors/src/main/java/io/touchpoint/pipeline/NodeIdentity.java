package io.touchpoint.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who this node is from its start to its stop: its id among the nodes, readable by operators ({@code host/uuid}),
 * and the name its database sessions carry, by which a live node ends them should this one stop with them open.
 * Chosen before the connection pool opens its first session, so every session carries the name.
 *
 * @param id          unique per start of the application
 * @param sessionName PostgreSQL's {@code application_name} for this node's sessions: unique per start as well, and
 *                    short enough to be kept whole (63 bytes)
 */
public record NodeIdentity(String id, String sessionName) {

  public static NodeIdentity ofThisStart() {
    UUID start = UUID.randomUUID();
    return new NodeIdentity(hostName() + "/" + start, "touchpoint-" + start);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException unknown) {
      return "node";
    }
  }
}
