package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.delivery.SkipReason;

/**
 * A send ready for its provider: the recorded delivery and the connector's bound, validated input — or
 * the reason it can no longer be made as recorded (its input became invalid before a retry). Lives in
 * memory only; after a crash it is prepared again from the waiting execution's variables.
 */
public record PreparedSend(Delivery delivery, ChannelConnector<?> connector, Record input, String problem) {

  public PreparedSend(Delivery delivery, ChannelConnector<?> connector, Record input) {
    this(delivery, connector, input, null);
  }

  /** Hands the message to the provider; runs on a pipeline thread, outside any transaction. */
  ChannelConnector.Answer call() {
    if (problem != null) {
      return skipped(problem);
    }
    try {
      return callWith(connector);
    } catch (InvalidChannelInputException unsendable) {
      if (connector.invalidInputIsAnIncident()) {
        throw unsendable;
      }
      return skipped(unsendable.getMessage());
    }
  }

  private static ChannelConnector.Answer skipped(String problem) {
    return new ChannelConnector.Answer(new SendOutcome.Skipped(SkipReason.INVALID_INPUT, problem),
        Continuation.Leave.PLAIN);
  }

  @SuppressWarnings("unchecked")
  private <I extends Record> ChannelConnector.Answer callWith(ChannelConnector<I> typed) {
    return typed.call(delivery, (I) input);
  }

  String provider() {
    return delivery.provider();
  }
}
