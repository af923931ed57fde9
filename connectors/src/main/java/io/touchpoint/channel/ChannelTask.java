package io.touchpoint.channel;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.engine.TouchpointElements;
import io.touchpoint.rendering.UnsafeTemplateException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The behaviour of every channel task ({@code ${touchpointChannelTask}}): bind the input, open
 * the delivery, apply consent, send through the channel's connector, record the outcome.
 *
 * <p>The delivery is keyed by the asynchronous job that runs the task and recorded, in a
 * transaction of its own, as soon as the provider answered: a job retry finds it and never hands
 * the provider the same message twice.
 */
public class ChannelTask implements JavaDelegate {

  /** How a send skipped for an opted-out recipient starts its recorded reason; analytics counts these. */
  public static final String OPTED_OUT = "recipient opted out of ";

  private static final Logger LOG = LoggerFactory.getLogger(ChannelTask.class);

  private final Map<Channel, ChannelConnector<?>> connectors;
  private final ChannelInputBinder binder;
  private final DeliveryLedger ledger;
  private final ConsentRegistry consent;
  private final DeliveryStatusService statuses;

  public ChannelTask(Map<Channel, ChannelConnector<?>> connectors, ChannelInputBinder binder,
      DeliveryLedger ledger, ConsentRegistry consent, DeliveryStatusService statuses) {
    this.connectors = Map.copyOf(connectors);
    this.binder = binder;
    this.ledger = ledger;
    this.consent = consent;
    this.statuses = statuses;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ExecutionEntity entity = (ExecutionEntity) execution;
    Channel channel = (Channel) entity.getActivity().getProperty(TouchpointElements.CHANNEL);
    ChannelConnector<?> connector = connectors.get(channel);
    if (connector == null) {
      throw new IllegalStateException("TOUCHPOINT-SEND-001 no connector for channel " + channel.wireName());
    }
    send(entity, connector);
  }

  private <I extends Record> void send(ExecutionEntity execution, ChannelConnector<I> connector) {
    String deliveryVariable = StatusMessages.deliveryVariable(execution.getCurrentActivityId());
    String idempotencyKey = idempotencyKey(execution);
    Optional<Delivery> earlier = ledger.findByIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      execution.setVariable(deliveryVariable, earlier.get().id());
      LOG.info("TOUCHPOINT-SEND-002 delivery {} already {}; not sending again", earlier.get().id(),
          earlier.get().outcome());
      return;
    }
    I input = null;
    String problem = null;
    try {
      input = binder.validate(connector.prepare(binder.bind(execution, connector.inputType()),
          execution.getVariables()));
    } catch (InvalidChannelInputException invalid) {
      problem = invalid.getMessage();
    } catch (UnsafeTemplateException unsafe) {
      throw unsafe.in(execution.getCurrentActivityId());
    }
    String recipient = input == null ? null : connector.recipient(input);
    Delivery delivery = new Delivery(UUID.randomUUID().toString(), idempotencyKey,
        execution.getProcessDefinition().getKey(), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
        execution.getProcessBusinessKey(), connector.channel(), recipient, connector.provider(), null,
        Outcome.PENDING, null, null);
    execution.setVariable(deliveryVariable, delivery.id());

    if (problem != null) {
      skip(delivery, problem);
    } else if (consent.isOptedOut(connector.channel(), recipient)) {
      skip(delivery, OPTED_OUT + connector.channel().wireName());
    } else {
      send(delivery, connector, input);
    }
  }

  private <I extends Record> void send(Delivery delivery, ChannelConnector<I> connector, I input) {
    SendOutcome outcome;
    try {
      outcome = connector.send(delivery, input);
    } catch (InvalidChannelInputException invalid) {
      skip(delivery, invalid.getMessage());
      return;
    }
    record(delivery, outcome);
  }

  private void record(Delivery delivery, SendOutcome outcome) {
    if (outcome instanceof SendOutcome.Accepted accepted) {
      statuses.accepted(delivery.accepted(accepted.providerMessageId()), accepted.reached());
    } else if (outcome instanceof SendOutcome.Parts parts) {
      statuses.sentInParts(delivery, parts);
    } else if (outcome instanceof SendOutcome.Rejected rejected) {
      statuses.notSent(delivery.rejected(rejected.errorCode() + " " + rejected.reason()));
      LOG.info("TOUCHPOINT-SEND-003 delivery {} rejected by {}: {}", delivery.id(), delivery.provider(),
          rejected.errorCode());
    }
  }

  /** A send that is not made still answers the journey: it takes its "failed" branch. */
  private void skip(Delivery delivery, String reason) {
    statuses.notSent(delivery.skipped(reason));
    LOG.info("TOUCHPOINT-SEND-004 delivery {} skipped: {}", delivery.id(), reason);
  }

  private static String idempotencyKey(ExecutionEntity execution) {
    JobEntity job = Context.getCommandContext().getCurrentJob();
    return job != null ? "job:" + job.getId() : "activity-instance:" + execution.getActivityInstanceId();
  }
}
