package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.Continuation;
import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.ProviderThrottles;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * This node's send pipeline: provider calls happen here, after the journey's transaction committed, never
 * inside it. One {@link ProviderLane} per provider bounds the calls in flight; the {@link SendCompletion}
 * records answers and continues journeys. The ledger, not this memory, is the truth: what the pipeline holds
 * when the node dies is taken over by a live node ({@link SendRecovery}).
 */
public class SendPipeline {

  private static final Logger LOG = LoggerFactory.getLogger(SendPipeline.class);
  private static final int COMPLETION_THREADS = 4;

  /** How long a committing job thread waits for room in a full lane before leaving the send to recovery. */
  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(1);

  /**
   * How the pipeline is sized.
   *
   * @param concurrency       calls in flight at once per provider name (the same rule sizes each provider's HTTP
   *                          client)
   * @param unrecordedAnswers answers waiting to be recorded beyond which the lanes make no further call
   * @param callDeadline      how long after its send was marked SENDING a call may still be made: a node held up
   *                          longer (a frozen VM, a database outage) may have been presumed dead meanwhile, and its
   *                          send looked up and made by another node
   */
  public record Settings(ToIntFunction<String> concurrency, int queueCapacity, int unrecordedAnswers,
      Duration shutdownGrace, Duration callDeadline) {
  }

  private final Settings settings;
  private final Map<Channel, ChannelConnector<?>> connectors;
  private final SendPreparation preparation;
  private final DeliveryLedger ledger;
  private final Supplier<RuntimeService> runtimeService;
  private final SendCompletion completion;
  private final NodeMembership membership;
  private final String nodeId;
  private final ProviderThrottles throttles;
  private final CallDeadline lastCheck;
  private final Map<String, ProviderLane> lanes = new ConcurrentHashMap<>();
  private final PipelineWork work = new PipelineWork();

  public SendPipeline(Settings settings, Map<Channel, ChannelConnector<?>> connectors, SendPreparation preparation,
      DeliveryLedger ledger, DeliveryStatusService statuses, PlatformTransactionManager transactionManager,
      Supplier<ProcessEngine> engine, NodeMembership membership, ProviderThrottles throttles, CallDeadline lastCheck,
      SendMetrics metrics) {
    this.settings = settings;
    this.lastCheck = lastCheck;
    this.connectors = Map.copyOf(connectors);
    this.preparation = preparation;
    this.ledger = ledger;
    this.runtimeService = () -> engine.get().getRuntimeService();
    this.membership = membership;
    this.nodeId = membership.nodeId();
    this.completion = new SendCompletion(statuses, ledger, new TransactionTemplate(transactionManager),
        () -> ((ProcessEngineConfigurationImpl) engine.get().getProcessEngineConfiguration())
            .getCommandExecutorTxRequired(), nodeId, COMPLETION_THREADS, settings.unrecordedAnswers(), metrics, work);
    this.throttles = throttles;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Hands a recorded send to its provider's lane; a full lane leaves it QUEUED for {@link SendRecovery}. */
  public void submit(PreparedSend send) {
    ProviderLane lane = lanes.computeIfAbsent(send.provider(), provider -> new ProviderLane(provider,
        settings.concurrency().applyAsInt(provider), settings.queueCapacity(), settings.callDeadline(), lastCheck,
        ledger, nodeId, completion::accept, throttles.of(provider), work));
    if (!lane.offer(send, OFFER_TIMEOUT)) {
      LOG.debug(ErrorCode.PIPELINE_004 + " {} lane full; delivery {} stays queued", send.provider(),
          send.delivery().id());
    }
  }

  /**
   * Inside the retry job's transaction: the send goes back to this node's pipeline once the job commits.
   * Nothing happens when the send is no longer waiting for a retry (answered meanwhile, or cancelled).
   */
  void retry(String deliveryId, ExecutionEntity execution) {
    Delivery delivery = ledger.findById(deliveryId).orElse(null);
    if (delivery == null || delivery.outcome() != Delivery.Outcome.RETRYING
        || !ledger.requeue(deliveryId, nodeId)) {
      return;
    }
    PreparedSend send = again(delivery, execution.getVariablesLocal(), execution.getVariables());
    Context.getCommandContext().getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> submit(send));
  }

  /** A recorded QUEUED send of this node, prepared again from its waiting task and handed to its lane. */
  void resubmit(Delivery delivery) {
    RuntimeService runtime = runtimeService.get();
    try {
      submit(again(delivery, runtime.getVariablesLocal(delivery.executionId()),
          runtime.getVariables(delivery.executionId())));
    } catch (NullValueException gone) {
      LOG.info(ErrorCode.PIPELINE_005 + " delivery {}: its journey is gone; not sent", delivery.id());
      ledger.skipQueued(delivery.id(), nodeId, "JOURNEY_GONE", "the journey ended before the send was made");
    }
  }

  /** Records an answer learned without calling (a reconciled send) and continues its journey. */
  void answered(Delivery delivery, SendOutcome outcome) {
    completion.accept(new SendResult.Answered(new PreparedSend(delivery, connectorOf(delivery), null), outcome,
        Continuation.Leave.PLAIN));
  }

  /** Records a failure learned without calling (a reconciled send that needs an operator) as the send's retry job. */
  void failed(Delivery delivery, RuntimeException failure) {
    completion.accept(new SendResult.Failed(new PreparedSend(delivery, connectorOf(delivery), null), failure));
  }

  PreparedSend again(Delivery delivery, Map<String, Object> locals, Map<String, Object> variables) {
    try {
      return preparation.again(delivery, connectorOf(delivery), locals, variables);
    } catch (InvalidChannelInputException changed) {
      // e.g. the template file was removed since: the send cannot be made as it was
      return new PreparedSend(delivery, connectorOf(delivery), null, changed.getMessage());
    }
  }

  ChannelConnector<?> connectorOf(Delivery delivery) {
    ChannelConnector<?> connector = connectors.get(delivery.channel());
    if (connector == null) {
      throw new IllegalStateException(ErrorCode.SEND_001 + " no connector for channel "
          + delivery.channel().wireName());
    }
    return connector;
  }

  /** Whether nothing is queued, in flight or waiting to be recorded on this node. */
  public boolean isIdle() {
    return work.isNone();
  }

  /** Waits until {@link #isIdle()}, at most {@code timeout}; tests use it. */
  public boolean awaitIdle(Duration timeout) {
    return await(this::isIdle, timeout);
  }

  private static boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Whether a lane of this node holds the send in memory, about to be made. */
  boolean holds(Delivery delivery) {
    ProviderLane lane = lanes.get(delivery.provider());
    return lane != null && lane.holds(delivery.id());
  }

  /** Whether an answer to the send, or a verdict on it, waits on this node to be recorded. */
  boolean recordsAnswerFor(Delivery delivery) {
    return completion.holdsAnswerFor(delivery.id());
  }

  /** Whether the provider's lane would take another send now. */
  boolean hasRoomFor(String provider) {
    ProviderLane lane = lanes.get(provider);
    return lane == null || lane.hasRoom();
  }

  /** Sends queued per provider on this node. */
  public Map<String, Integer> backlog() {
    Map<String, Integer> backlog = new java.util.TreeMap<>();
    lanes.forEach((provider, lane) -> backlog.put(provider, lane.queued()));
    return backlog;
  }

  /** Provider answers this node holds and has not recorded yet; at the bound, its lanes wait for the recording. */
  public int unrecordedAnswers() {
    return completion.unrecorded();
  }

  /**
   * Lets the calls in flight finish and their answers be recorded, each within the shutdown grace, and then leaves the
   * cluster. What the lanes still queue is not waited for: it stays QUEUED with this node, and a live node resumes it
   * at once. A call still unanswered after the grace keeps the node from leaving: it is then taken for dead only after
   * dead-after, and its calls are looked up as a dead node's.
   */
  public void stop() {
    boolean callsEnded = lanes.values().stream().map(lane -> lane.stop(settings.shutdownGrace()))
        .reduce(true, Boolean::logicalAnd);
    await(() -> completion.unrecorded() == 0, settings.shutdownGrace());
    completion.stop(settings.shutdownGrace());
    if (callsEnded && completion.unrecorded() == 0) {
      membership.leave();
    }
  }
}
