package io.touchpoint.channel;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.Reconciliation;
import java.util.Map;

/**
 * Sends one kind of message. The send pipeline binds and validates the typed input, records the
 * delivery in the ledger and applies consent before calling {@link #call}; a connector only talks
 * to its provider, on a pipeline thread outside any transaction.
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

  /**
   * The input as its constraints apply to it. A connector whose fields carry marks around the data in them
   * (the webhook's, for secret references) validates them without.
   */
  default Record validatable(I input) {
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
   * Whether an input that does not validate is the diagram's fault (an incident at the task, e.g. a webhook's
   * malformed headers) rather than the contact's (the send is skipped and the journey takes its failed branch,
   * e.g. no phone number). Channels skip.
   */
  default boolean invalidInputIsAnIncident() {
    return false;
  }

  /** What a call came to: the outcome the ledger records, and how the journey goes on from the task. */
  record Answer(SendOutcome outcome, Continuation continuation) {
  }

  /**
   * Hands the message to the provider. Throws for failures worth retrying (network, 5xx, 429);
   * returns {@link SendOutcome.Rejected} for permanent refusals.
   */
  SendOutcome send(Delivery delivery, I input);

  /**
   * Sends and says how the journey goes on: channels leave the task and let the recorded statuses steer.
   * Throws, like {@link #send}, for failures worth retrying.
   */
  default Answer call(Delivery delivery, I input) {
    return new Answer(send(delivery, input), Continuation.Leave.PLAIN);
  }

  /**
   * For a send whose answer was lost in a crash: looks it up at the provider, or states this channel's policy.
   * By default the message is sent again (at-least-once).
   */
  default Reconciliation reconcile(LostAttempt attempt, I input) {
    return new Reconciliation.SendAgain("the provider offers no lookup");
  }
}
