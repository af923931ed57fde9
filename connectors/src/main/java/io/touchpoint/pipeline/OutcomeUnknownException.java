package io.touchpoint.pipeline;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.error.NotRetryable;
import java.time.Duration;

/**
 * A call whose answer was lost that may not simply be made again: an incident at the task, so an operator decides
 * whether to call again.
 */
class OutcomeUnknownException extends RuntimeException implements NotRetryable {

  private OutcomeUnknownException(String message) {
    super(message);
  }

  /** The step may not be called twice on its own (at most once), and its node died during the call. */
  static OutcomeUnknownException atMostOnce(String why) {
    return new OutcomeUnknownException(ErrorCode.RECOVERY_003 + " the outcome of the call is unknown (its node died"
        + " during it) and it is at most once: not called again; retry the incident to call again (" + why + ")");
  }

  /** The provider could not say, for that long, whether it has the send whose answer was lost. */
  static OutcomeUnknownException unresolved(String provider, Duration unknownFor, String lastAnswer) {
    return new OutcomeUnknownException(ErrorCode.RECOVERY_005 + " " + provider + " could not say for "
        + unknownFor.toMinutes() + " min whether it has the message whose answer was lost (last: " + lastAnswer
        + "): not sent again; check with " + provider + ", and retry the incident only if it does not have it");
  }
}
