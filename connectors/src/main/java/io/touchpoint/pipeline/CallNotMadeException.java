package io.touchpoint.pipeline;

import java.time.Duration;

/**
 * A lane did not make its call: what it reads just before calling failed (the database was out of reach), or the
 * node stopped. The provider cannot have the message, so the send is tried again shortly, spending none of its
 * task's retries.
 */
class CallNotMadeException extends RuntimeException {

  /** Soon, but not at once: what stopped the call (a database outage, a node stopping) takes a moment to pass. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  CallNotMadeException(String message, Throwable cause) {
    super(message, cause);
  }
}
