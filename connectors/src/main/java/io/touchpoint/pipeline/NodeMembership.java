package io.touchpoint.pipeline;

import io.touchpoint.schedule.PeriodicTask;
import java.time.Duration;

/**
 * This node's place among the nodes sharing the database: it joins as the pipeline is built, beats every heartbeat
 * while the node works, and at a graceful stop leaves once the pipeline has answered and recorded every call it made,
 * so that a live node resumes what it left queued at once. The beats go on through the stop until then: a node that
 * fell silent as it began to close was taken for dead while its lanes still made their last calls, and a taker that
 * looked those up before they reached the provider sent them again.
 */
public class NodeMembership implements AutoCloseable {

  private final NodeRegistry nodes;
  private final PeriodicTask beats;

  public NodeMembership(NodeRegistry nodes, Duration heartbeat) {
    this.nodes = nodes;
    this.beats = new PeriodicTask("heartbeat", nodes::beat, heartbeat);
  }

  public String nodeId() {
    return nodes.nodeId();
  }

  public void join() {
    nodes.join();
    beats.start();
  }

  /** Nothing this node called is unanswered: it counts as dead from now on. */
  void leave() {
    beats.stop();
    nodes.leave();
  }

  /**
   * Falls silent, having left or not: with calls still unanswered, the others take it for dead only after dead-after,
   * and look those calls up as a dead node's.
   */
  @Override
  public void close() {
    beats.stop();
  }
}
