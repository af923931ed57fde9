package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.ChannelInputBinder;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.SkipReason;
import io.touchpoint.rendering.UnsafeTemplateException;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a channel task's inputs into a send: binds and completes the connector's typed input, validates it,
 * applies consent. What cannot be sent is decided here, before any provider is involved.
 */
public class SendPreparation {

  private final ChannelInputBinder binder;
  private final ConsentRegistry consent;

  public SendPreparation(ChannelInputBinder binder, ConsentRegistry consent) {
    this.binder = binder;
    this.consent = consent;
  }

  /** The task as it starts: a new delivery, QUEUED, or SKIPPED with the reason. */
  public <I extends Record> PreparedSend prepare(SendStep step, ChannelConnector<I> connector,
      Map<String, Object> localVariables, Map<String, Object> variables) {
    connector.ensureConfigured();
    I input;
    try {
      input = prepared(connector, localVariables, variables);
    } catch (InvalidChannelInputException invalid) {
      if (connector.invalidInputIsAnIncident()) {
        throw invalid;
      }
      Delivery unsendable = step.delivery(UUID.randomUUID().toString(), connector, null, Outcome.QUEUED, null);
      return new PreparedSend(unsendable.skipped(SkipReason.INVALID_INPUT, invalid.getMessage()), connector, null);
    } catch (UnsafeTemplateException unsafe) {
      throw unsafe.in(step.activityId());
    }
    String recipient = connector.recipient(input);
    Delivery delivery = step.delivery(UUID.randomUUID().toString(), connector, recipient, Outcome.QUEUED, null);
    if (consent.isOptedOut(connector.channel(), recipient)) {
      return new PreparedSend(delivery.skipped(SkipReason.OPTED_OUT,
          "recipient opted out of " + connector.channel().wireName()), connector, null);
    }
    return new PreparedSend(delivery, connector, input);
  }

  /** A recorded send prepared again from the waiting task's variables (a retry, or a send taken over). */
  public <I extends Record> PreparedSend again(Delivery delivery, ChannelConnector<I> connector,
      Map<String, Object> localVariables, Map<String, Object> variables) {
    return new PreparedSend(delivery, connector, prepared(connector, localVariables, variables));
  }

  private <I extends Record> I prepared(ChannelConnector<I> connector, Map<String, Object> localVariables,
      Map<String, Object> variables) {
    I input = connector.prepare(binder.bind(localVariables, connector.inputType()), variables);
    binder.validate(connector.validatable(input));
    return input;
  }
}
