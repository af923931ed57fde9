package io.touchpoint.pipeline;

import io.touchpoint.delivery.SendOutcome;

/** What one call to a provider came to: its answer, or a failure worth another attempt. */
sealed interface SendResult {

  PreparedSend send();

  record Answered(PreparedSend send, SendOutcome outcome) implements SendResult {
  }

  record Failed(PreparedSend send, RuntimeException failure) implements SendResult {
  }
}
