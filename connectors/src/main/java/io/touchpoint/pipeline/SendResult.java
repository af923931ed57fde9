package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import io.touchpoint.delivery.SendOutcome;

/** What one call to a provider came to: its answer, or a failure worth another attempt. */
sealed interface SendResult {

  PreparedSend send();

  record Answered(PreparedSend send, SendOutcome outcome, Continuation continuation) implements SendResult {

    Answered(PreparedSend send, ChannelConnector.Answer answer) {
      this(send, answer.outcome(), answer.continuation());
    }
  }

  record Failed(PreparedSend send, RuntimeException failure) implements SendResult {
  }
}
