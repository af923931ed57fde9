package io.touchpoint.pipeline;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;

/**
 * A call whose answer was lost in a crash, for a step that may not be called twice on its own (at-most-once):
 * an incident at the task, so an operator decides whether to call again.
 */
class OutcomeUnknownException extends RuntimeException implements NotRetryable {

  OutcomeUnknownException(String why) {
    super(ErrorCode.RECOVERY_003 + " the outcome of the call is unknown (its node died during it) and it is at most "
        + "once: not called again; retry the incident to call again (" + why + ")");
  }
}
