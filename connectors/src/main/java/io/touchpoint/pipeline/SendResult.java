package io.touchpoint.pipeline;

import static org.apache.commons.lang3.exception.ExceptionUtils.throwableOfType;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import io.touchpoint.delivery.ProviderAnswerLostException;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.delivery.SendOutcome;

/** What one call to a provider came to: its answer, or a failure worth another attempt. */
sealed interface SendResult {

  PreparedSend send();

  /**
   * What monitoring calls this result ({@link SendMetrics}): the answer's kind, or {@code throttled} (429),
   * {@code lost} (the answer never came back; the provider may have the message) or {@code failed}.
   */
  default String meteredAs() {
    if (this instanceof Failed failed) {
      return throwableOfType(failed.failure(), ProviderThrottledException.class) != null ? "throttled"
          : throwableOfType(failed.failure(), ProviderAnswerLostException.class) != null ? "lost"
          : "failed";
    }
    SendOutcome outcome = ((Answered) this).outcome();
    return outcome instanceof SendOutcome.Accepted ? "accepted"
        : outcome instanceof SendOutcome.Rejected ? "rejected"
        : outcome instanceof SendOutcome.Skipped ? "skipped"
        : "parts";
  }

  record Answered(PreparedSend send, SendOutcome outcome, Continuation continuation) implements SendResult {

    Answered(PreparedSend send, ChannelConnector.Answer answer) {
      this(send, answer.outcome(), answer.continuation());
    }
  }

  record Failed(PreparedSend send, RuntimeException failure) implements SendResult {
  }
}
