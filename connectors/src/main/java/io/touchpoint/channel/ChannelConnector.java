package io.touchpoint.channel;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.Reconciliation;
import java.util.Map;

/**
 * Sends one kind of message. The channel task binds and validates the typed input, opens the
 * delivery in the ledger and applies consent before calling {@link #send}; a connector only
 * talks to its provider.
 *
 * @param <I> the connector's input record, bound from the task's input parameters
 */
public interface ChannelConnector<I extends Record> {

  Channel channel();

  Class<I> inputType();

  /**
   * Completes the bound input before it is validated, e.g. renders a named template with the
   * journey's variables. Most connectors take the input as it is.
   */
  default I prepare(I input, Map<String, Object> variables) {
    return input;
  }

  /** The address the message goes to, as consent and reply attribution know it. */
  String recipient(I input);

  /**
   * Fails, before anything is recorded, when the channel has no provider to send with (its settings are
   * missing): the send's job then becomes an incident at once.
   */
  default void ensureConfigured() {
  }

  /** Name of the provider that will carry the message, e.g. {@code twilio} or {@code simulator}. */
  String provider();

  /**
   * Hands the message to the provider. Throws for failures worth retrying (network, 5xx, 429);
   * returns {@link SendOutcome.Rejected} for permanent refusals.
   */
  SendOutcome send(Delivery delivery, I input);

  /**
   * For a send whose answer was lost in a crash: looks it up at the provider, or states this channel's policy.
   * By default the message is sent again (at-least-once).
   */
  default Reconciliation reconcile(LostAttempt attempt, I input) {
    return new Reconciliation.SendAgain("the provider offers no lookup");
  }

  /** How the journey goes on after the provider's answer; channels leave the task and let statuses steer. */
  default Continuation continuation(SendOutcome outcome) {
    return Continuation.Leave.PLAIN;
  }
}
