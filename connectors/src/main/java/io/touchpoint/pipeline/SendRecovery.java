package io.touchpoint.pipeline;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryLedger.AttemptStart;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.delivery.StatusReportInbox;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.LookupRound;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.Reconciliation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps sends moving when a node dies. Runs on every node: takes over the unfinished sends of nodes presumed dead,
 * reconciles every send whose provider answer was lost (its node died during the call, or the connection dropped
 * after the request went out) before sending it again — the provider's own record (or a status callback that named
 * the send) decides, so a message the provider has is never sent twice — and hands its lanes the sends they turned
 * away. This node's heartbeat is a task of its own: a long takeover never makes this node look dead.
 */
public class SendRecovery implements Runnable {

  /** How long a call made just before its deadline may still take to reach its provider. */
  public static final Duration CALL_ON_ITS_WAY = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(SendRecovery.class);
  private static final int BATCH = 500;
  private static final Duration JUST_QUEUED = Duration.ofSeconds(5);
  /** How long a provider that could not say whether it has a send is left alone before it is asked again. */
  private static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(1);
  /**
   * How long after its attempt began a call whose answer was lost must still be missing at its provider to count as
   * not made: a provider may still be working on a request whose connection dropped (Twilio takes seconds at most).
   */
  private static final Duration LOST_CALL_SETTLED = Duration.ofMinutes(1);
  /** Resuming is mostly waiting for the provider's answer to a look; the database is used briefly before it. */
  private static final int RESUMERS = 8;
  /** An attempt whose start was not recorded counts as long past. */
  private static final AttemptStart NOT_RECORDED = new AttemptStart(Instant.EPOCH, ChronoUnit.FOREVER.getDuration());

  /**
   * @param deadAfter             how long a node may miss its heartbeats before its sends are taken over
   * @param staleAfter            how long a call may go unanswered before it is reconciled with its provider
   * @param unknownOutcomeTimeout how long after its attempt began a send may stay unknown — its provider could not
   *                              say whether it has it — before it becomes an incident for an operator to decide
   * @param callDeadline          how long after marking a send a lane may still make its call
   *                              ({@link SendPipeline.Settings#callDeadline})
   */
  public record Settings(Duration deadAfter, Duration staleAfter, Duration unknownOutcomeTimeout,
      Duration callDeadline) {
  }

  private final Settings settings;
  private final NodeRegistry nodes;
  private final DeliveryLedger ledger;
  private final StatusReportInbox inbox;
  private final SendPipeline pipeline;
  private final Supplier<RuntimeService> runtimeService;
  private final Clock clock;
  private final ThreadPoolExecutor resumers;
  /**
   * Calls taken over from a node presumed dead that it may still be making — it was alive after all (a database
   * outage stopped every node's heartbeat), and marked them a moment before: looked up only once they can no longer
   * be on their way, so a look never misses a message that is about to arrive. A node that dies leaves them SENDING
   * with this node, for the next taker.
   */
  private final Map<String, Delivery> takenOverCalls = new ConcurrentHashMap<>();

  public SendRecovery(Settings settings, NodeRegistry nodes, DeliveryLedger ledger, StatusReportInbox inbox,
      SendPipeline pipeline, Supplier<RuntimeService> runtimeService, Clock clock) {
    this.settings = settings;
    this.nodes = nodes;
    this.ledger = ledger;
    this.inbox = inbox;
    this.pipeline = pipeline;
    this.runtimeService = runtimeService;
    this.clock = clock;
    CustomizableThreadFactory threads = new CustomizableThreadFactory("touchpoint-resume-");
    threads.setDaemon(true);
    this.resumers = new ThreadPoolExecutor(RESUMERS, RESUMERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        threads);
    this.resumers.allowCoreThreadTimeOut(true);
  }

  @Override
  public void run() {
    for (NodeRegistry.GoneNode gone : nodes.presumedDead(settings.deadAfter())) {
      Map<Boolean, List<Delivery>> queued = takeOverAll(gone).stream()
          .collect(Collectors.partitioningBy(taken -> taken.outcome() == Delivery.Outcome.QUEUED));
      eachSideBySide(queued.get(true), this::resubmitIfRoom);
      queued.get(false).forEach(call -> takenOverCalls.put(call.id(), call));
    }
    reconcileAll(takenOverCallsNoLongerOnTheirWay(), (call, started) -> sendNow(call));
    Instant databaseNow = ledger.databaseNow();
    Instant askedBefore = databaseNow.minus(ASK_AGAIN_AFTER);
    reconcileAll(notBeingRecorded(ledger.sendingSince(nodes.nodeId(), databaseNow.minus(settings.staleAfter()),
        askedBefore, BATCH)), (call, started) -> sendNow(call));
    reconcileAll(notBeingRecorded(ledger.answersLost(nodes.nodeId(), askedBefore, BATCH)), this::retryOnceSettled);
    resumeQueued();
  }

  /**
   * The sends whose answer, or an earlier run's verdict, does not wait on this node to be recorded. When the recorders
   * fall behind (a takeover on a busy node), a verdict made at one run is not yet in the ledger at the next: a second
   * "send it again" recorded after the retry it scheduled had begun, as a failure of that retry, and sent it a third
   * time (seen from outside: one message twice).
   */
  private List<Delivery> notBeingRecorded(List<Delivery> sends) {
    return sends.stream().filter(send -> !pipeline.recordsAnswerFor(send)).toList();
  }

  /**
   * Makes every unfinished send of a dead node this node's before resuming any: resuming takes a while (a look at the
   * provider each for calls under way), and the sends beyond a first batch should not wait for it. Each send is taken
   * on its own, so a node taking over at the same moment gets the others.
   */
  private List<Delivery> takeOverAll(NodeRegistry.GoneNode gone) {
    endItsSessions(gone);
    List<Delivery> taken = new ArrayList<>();
    List<Delivery> batch;
    do {
      batch = ledger.takeOver(gone.id(), nodes.nodeId(), BATCH);
      taken.addAll(batch);
    } while (batch.size() == BATCH);
    if (gone.left()) {
      LOG.info(ErrorCode.RECOVERY_006 + " node {} left at a graceful stop; took over {} of its sends", gone.id(),
          taken.size());
    } else if (!taken.isEmpty()) {
      LOG.warn(ErrorCode.RECOVERY_001 + " node {} stopped beating; took over {} of its sends", gone.id(),
          taken.size());
    }
    nodes.forget(gone.id());
    return taken;
  }

  /**
   * A silent node's open transactions would hold the rows its work needs — its sends, the journeys of a launch chunk
   * it was applying — for as long as its sessions live. Its sessions have not moved since it fell silent: for at
   * least dead-after less one heartbeat, which is more than half of dead-after; a session that moved more recently
   * belongs to a node that is working after all.
   */
  private void endItsSessions(NodeRegistry.GoneNode gone) {
    int ended = nodes.endSessionsOf(gone, settings.deadAfter().dividedBy(2));
    if (ended > 0) {
      LOG.warn(ErrorCode.RECOVERY_007 + " node {} stopped beating with {} database sessions open; ended them",
          gone.id(), ended);
    }
  }

  /**
   * The taken-over calls whose attempt began longer ago than a lane may take to make its call and the call to reach
   * its provider, judged on the database's clock (the attempt's start is the database's time, whichever node marked
   * it). A node found dead by missed heartbeats marked its last sends at least that long before, so its calls are
   * looked up at once; only after a database outage, when the taken node may have been alive, do some wait for a
   * later run.
   */
  private List<Delivery> takenOverCallsNoLongerOnTheirWay() {
    if (takenOverCalls.isEmpty()) {
      return List.of();
    }
    Map<String, AttemptStart> started = ledger.attemptStarts(List.copyOf(takenOverCalls.keySet()));
    Duration madeAndArrived = settings.callDeadline().plus(CALL_ON_ITS_WAY);
    List<Delivery> due = takenOverCalls.values().stream()
        .filter(call -> started.getOrDefault(call.id(), NOT_RECORDED).ago().compareTo(madeAndArrived) >= 0).toList();
    due.forEach(call -> takenOverCalls.remove(call.id()));
    return due;
  }

  /**
   * This node's QUEUED sends that no lane holds — a full lane turned them away, or marking them failed — go back to
   * their lane while it has room, the oldest first. Sends queued within the last {@link #JUST_QUEUED} are still on
   * their way to the lane.
   */
  private void resumeQueued() {
    eachSideBySide(ledger.queuedFor(nodes.nodeId(), clock.instant().minus(JUST_QUEUED), BATCH).stream()
        .filter(queued -> !pipeline.holds(queued)).toList(), this::resubmitIfRoom);
  }

  /**
   * Resumes sends on a few threads and waits for them all: each is a few engine reads, a rendering and perhaps a
   * look at the provider, so one thread alone would resume a dead node's backlog far slower than it was sent.
   * A send that fails to resume stays with this node for a later run (QUEUED) or the stale look (SENDING).
   */
  private void eachSideBySide(List<Delivery> deliveries, Consumer<Delivery> resume) {
    CompletableFuture.allOf(deliveries.stream().map(delivery -> CompletableFuture.runAsync(() -> {
      try {
        resume.accept(delivery);
      } catch (RuntimeException notNow) {
        // e.g. made and answered between the look and now, its journey moved on meanwhile
        LOG.debug("delivery {} was not resumed this time", delivery.id(), notNow);
      }
    }, resumers)).toArray(CompletableFuture[]::new)).join();
  }

  /** A taken-over or stale attempt the provider does not have never failed: it is made now. */
  private void sendNow(Delivery delivery) {
    if (ledger.sendAgain(delivery.id(), nodes.nodeId())) {
      resubmitIfRoom(delivery);
    }
  }

  /** A full lane is not waited for: the send stays QUEUED with this node, and {@link #resumeQueued} brings it later. */
  private void resubmitIfRoom(Delivery delivery) {
    if (pipeline.hasRoomFor(delivery.provider())) {
      pipeline.resubmit(delivery);
    }
  }

  /**
   * An attempt whose answer was lost on the way and that the provider does not have: looked up once more a minute
   * later while the provider may still be working on it; missing then too, it failed, and is tried again at once.
   */
  private void retryOnceSettled(Delivery delivery, AttemptStart started) {
    if (started.ago().compareTo(LOST_CALL_SETTLED) < 0) {
      LOG.info(ErrorCode.RECOVERY_002 + " delivery {}: not at {} yet, looked up again in {} s", delivery.id(),
          delivery.provider(), ASK_AGAIN_AFTER.toSeconds());
      ledger.askedWithoutVerdict(delivery.id(), nodes.nodeId());
      return;
    }
    pipeline.failed(delivery, new LostCallNotMadeException(ErrorCode.RECOVERY_004 + " " + delivery.provider()
        + " does not have the message whose answer was lost, " + started.ago().toSeconds() + " s after the attempt ("
        + delivery.outcomeReason() + ")"));
  }

  /**
   * Reconciles sends whose attempt began and whose answer was never recorded, side by side; those of one provider as
   * one {@link LookupRound}, so a provider that can list its messages looks a dead node's sends up all at once.
   */
  private void reconcileAll(List<Delivery> lost, BiConsumer<Delivery, AttemptStart> notSent) {
    if (lost.isEmpty()) {
      return;
    }
    Map<String, AttemptStart> started = ledger.attemptStarts(lost.stream().map(Delivery::id).toList());
    Map<String, LookupRound> rounds = lost.stream().collect(Collectors.groupingBy(Delivery::provider,
        Collectors.collectingAndThen(Collectors.toList(), sends -> roundOf(sends, started))));
    eachSideBySide(lost, delivery -> reconcile(delivery, started.getOrDefault(delivery.id(), NOT_RECORDED),
        rounds.get(delivery.provider()), notSent));
  }

  private static LookupRound roundOf(List<Delivery> sends, Map<String, AttemptStart> started) {
    if (!sends.stream().allMatch(send -> started.containsKey(send.id()))) {
      return new LookupRound(sends.size(), null, null);
    }
    List<Instant> starts = sends.stream().map(send -> started.get(send.id()).at()).toList();
    return new LookupRound(sends.size(), Collections.min(starts), Collections.max(starts));
  }

  private void reconcile(Delivery delivery, AttemptStart attemptStarted, LookupRound round,
      BiConsumer<Delivery, AttemptStart> notSent) {
    Optional<String> reported = inbox.providerMessageIdReportedFor(delivery.id());
    if (reported.isPresent()) {
      pipeline.answered(delivery, new SendOutcome.Accepted(reported.get()));
      return;
    }
    Reconciliation verdict;
    try {
      verdict = lookUp(delivery, pipeline.connectorOf(delivery), attemptStarted.at(), round);
      if (verdict instanceof Reconciliation.Sent sent && recordedElsewhere(delivery, sent.providerMessageId())) {
        verdict = new Reconciliation.AskLater("the provider's match belongs to another send");
      }
    } catch (RuntimeException unavailable) {
      verdict = new Reconciliation.AskLater(unavailable.getMessage());
    }
    LOG.info(ErrorCode.RECOVERY_002 + " delivery {} with a lost answer: {}", delivery.id(), verdict);
    if (verdict instanceof Reconciliation.Sent sent) {
      pipeline.answered(delivery, new SendOutcome.Accepted(sent.providerMessageId()));
    } else if (verdict instanceof Reconciliation.SendAgain) {
      notSent.accept(delivery, attemptStarted);
    } else if (verdict instanceof Reconciliation.GiveUp giveUp) {
      pipeline.answered(delivery, new SendOutcome.Rejected("OUTCOME_UNKNOWN", giveUp.why()));
    } else if (verdict instanceof Reconciliation.Escalate escalate) {
      pipeline.failed(delivery, OutcomeUnknownException.atMostOnce(escalate.why()));
    } else if (verdict instanceof Reconciliation.AskLater askLater) {
      askLater(delivery, attemptStarted, askLater.why());
    }
  }

  /**
   * The send stays SENDING with this node and is asked about again after {@link #ASK_AGAIN_AFTER} (not at every run:
   * a provider that cannot answer is not pressed, and sends behind it get their turn) — until its outcome has been
   * unknown for longer than the timeout: then an operator decides, as for an at-most-once call.
   */
  private void askLater(Delivery delivery, AttemptStart attemptStarted, String why) {
    Duration unknownFor = attemptStarted.ago();
    if (unknownFor.compareTo(settings.unknownOutcomeTimeout()) > 0) {
      pipeline.failed(delivery, OutcomeUnknownException.unresolved(delivery.provider(), unknownFor, why));
    } else {
      ledger.askedWithoutVerdict(delivery.id(), nodes.nodeId());
    }
  }

  private <I extends Record> Reconciliation lookUp(Delivery delivery, ChannelConnector<I> connector,
      Instant attemptStarted, LookupRound round) {
    RuntimeService runtime = runtimeService.get();
    PreparedSend send = pipeline.again(delivery, runtime.getVariablesLocal(delivery.executionId()),
        runtime.getVariables(delivery.executionId()));
    if (send.problem() != null) {
      return new Reconciliation.SendAgain("the send's input cannot be read again: " + send.problem());
    }
    @SuppressWarnings("unchecked")
    I input = (I) send.input();
    LostAttempt attempt = new LostAttempt(delivery, attemptStarted,
        providerMessageId -> recordedElsewhere(delivery, providerMessageId), round);
    return connector.reconcile(attempt, input);
  }

  private boolean recordedElsewhere(Delivery delivery, String providerMessageId) {
    return ledger.findByProviderMessageId(delivery.provider(), providerMessageId)
        .filter(other -> !other.id().equals(delivery.id())).isPresent();
  }

  Map<String, Integer> backlog() {
    return pipeline.backlog();
  }
}
