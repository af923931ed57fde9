package io.touchpoint.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the sends anywhere in this node's pipeline: queued or in flight in a lane, or waiting to be recorded.
 * One count for all stages, because a send moves between them both ways (an answer goes to the completion, and
 * the journey it continues may hand the next send to a lane): the receiving stage counts a send before the
 * handing one lets go, so zero means nothing is anywhere, never a send caught between two stages.
 */
final class PipelineWork {

  private final AtomicInteger sends = new AtomicInteger();

  void taken(int count) {
    sends.addAndGet(count);
  }

  void done(int count) {
    sends.addAndGet(-count);
  }

  boolean isNone() {
    return sends.get() == 0;
  }
}
