package io.touchpoint.correlation;

import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.delivery.StatusReport;
import io.touchpoint.delivery.StatusReportInbox.StoredReport;
import io.touchpoint.delivery.StatusReportInbox;
import io.touchpoint.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The way in for every delivery status, whoever reports it (provider callback, simulator, the
 * send itself when it could not send). A status is stored durably first, then correlated; a
 * status that finds no waiting catch event yet is correlated when one starts waiting.
 */
public class DeliveryStatusService {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatusService.class);

  private final DeliveryLedger ledger;
  private final StatusReportInbox inbox;
  private final StatusCorrelator correlator;
  private final StatusWaits waits;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final CallbackLag lag;

  public DeliveryStatusService(DeliveryLedger ledger, StatusReportInbox inbox, StatusCorrelator correlator,
      StatusWaits waits, PlatformTransactionManager transactionManager, Clock clock, CallbackLag lag) {
    this.ledger = ledger;
    this.inbox = inbox;
    this.correlator = correlator;
    this.waits = waits;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.lag = lag;
  }

  /**
   * Stores a provider's report and applies it if its delivery is known. A report for a message
   * id the ledger does not know yet stays in the inbox until the send records that id.
   *
   * <p>Each side writes, commits, then looks for the other (the report here, the send in
   * {@link #accepted}), so however the two interleave at least one of them finds the other;
   * applying a report twice changes nothing.
   *
   * @return the delivery it belongs to, if known
   */
  public Optional<Delivery> receive(StatusReport report) {
    Stored stored;
    try {
      // usually the send is long recorded and its journey waits: store, apply and correlate in one transaction
      stored = ownTransaction.execute(tx -> store(report, true));
    } catch (RuntimeException correlationFailed) {
      // the journey changed at the same moment, or fails after its catch: that transaction kept nothing; store
      // and apply alone, then correlate on its own, with retries and the sweeper behind it
      LOG.debug(ErrorCode.CORRELATE_007 + " {} {} for message {} is correlated apart", report.provider(),
          report.status(), report.providerMessageId(), correlationFailed);
      stored = ownTransaction.execute(tx -> store(report, false));
    }
    lag.recorded(report.provider(), Duration.between(report.occurredAt(), clock.instant()));
    if (stored.delivery() != null) {
      correlateUp(stored.delivery(), stored.uncorrelated());
      return Optional.of(stored.delivery());
    }
    // the send may have recorded its id while we stored: look again now that our report is visible
    Optional<Delivery> delivery = sendOf(report);
    if (delivery.isEmpty()) {
      LOG.debug(ErrorCode.STATUS_001 + " {} {} for unknown message {} kept until the send records it",
          report.provider(), report.status(), report.providerMessageId());
      return Optional.empty();
    }
    apply(delivery.get(), List.of(new StoredReport(stored.reportId(), report, null)));
    return delivery;
  }

  /** A stored report, its send if known, and the statuses it added that are still to correlate. */
  private record Stored(String reportId, Delivery delivery, List<DeliveryStatus> uncorrelated) {
  }

  /**
   * In the caller's transaction: stores the report (matched, if its send is known) and applies it; with
   * {@code correlate}, also correlates what it added to the catch events waiting for it (committed waits only, see
   * {@link #correlateAll}), under the delivery's row that applying it holds.
   */
  private Stored store(StatusReport report, boolean correlate) {
    Optional<Delivery> send = sendOf(report);
    String reportId = inbox.store(report, send.map(Delivery::id).orElse(null));
    if (send.isEmpty()) {
      return new Stored(reportId, null, List.of());
    }
    Delivery delivery = send.get();
    List<DeliveryStatus> added = record(delivery, report);
    if (!correlate || delivery.parentId() != null || added.isEmpty()) {
      return new Stored(reportId, delivery, added);
    }
    awaitedAmong(delivery.id(), added)
        .forEach(status -> correlator.correlateHeld(delivery.id(), delivery.processInstanceId(), status));
    return new Stored(reportId, delivery, List.of());
  }

  /** The send a report is about: by the provider's id, or by the send its callback names (still being answered). */
  private Optional<Delivery> sendOf(StatusReport report) {
    Optional<Delivery> byProviderId = ledger.findByProviderMessageId(report.provider(), report.providerMessageId());
    if (byProviderId.isPresent() || report.sendId() == null) {
      return byProviderId;
    }
    return ledger.findById(report.sendId()).filter(send -> send.provider().equals(report.provider())
        && (send.providerMessageId() == null || send.providerMessageId().equals(report.providerMessageId())));
  }

  /**
   * A status Touchpoint learned itself: REPLIED from an inbound message, a tracking link, a receipt.
   * Recorded even before the delivery itself is (a fast device): the send, once recorded, or its
   * waiting catch event picks it up.
   */
  public void recordStatus(String deliveryId, DeliveryStatus status, String reason) {
    recordStatus(deliveryId, status, reason, clock.instant());
  }

  /** As {@link #recordStatus(String, DeliveryStatus, String)}, for a status that happened earlier. */
  public void recordStatus(String deliveryId, DeliveryStatus status, String reason, Instant occurredAt) {
    List<DeliveryStatus> added = ownTransaction.execute(tx ->
        ledger.recordStatus(deliveryId, status, null, reason, occurredAt));
    if (added != null && !added.isEmpty()) {
      ledger.findById(deliveryId).ifPresent(delivery -> correlateUp(delivery, added));
    }
  }

  /**
   * Records, in the caller's transaction, what the provider answered for a send this node was sending, with the
   * statuses the answer means and those reported before it. The journey, still waiting in the channel task, is
   * continued in the same transaction; where it then waits for a status, that wait correlates what is recorded.
   *
   * @return false when the send is no longer this node's (another node took it over)
   */
  public boolean recordAnswer(Delivery send, SendOutcome outcome, String ownerNode) {
    Instant now = clock.instant();
    if (outcome instanceof SendOutcome.Accepted accepted) {
      Delivery recorded = send.accepted(accepted.providerMessageId());
      if (!ledger.recordAnswer(recorded, ownerNode)) {
        return false;
      }
      if (accepted.reached() != null) {
        ledger.recordStatus(send.id(), accepted.reached(), null, null, now);
      }
      applyEarlyReports(recorded);
    } else if (outcome instanceof SendOutcome.Rejected rejected) {
      if (!ledger.recordAnswer(send.rejected(rejected.errorCode(), rejected.reason()), ownerNode)) {
        return false;
      }
      ledger.recordStatus(send.id(), DeliveryStatus.FAILED, null, rejected.errorCode(), now);
    } else if (outcome instanceof SendOutcome.Skipped skipped) {
      if (!ledger.recordAnswer(send.skipped(skipped.reason(), skipped.detail()), ownerNode)) {
        return false;
      }
      ledger.recordStatus(send.id(), DeliveryStatus.FAILED, null, skipped.reason().name(), now);
    } else if (outcome instanceof SendOutcome.Parts parts) {
      return recordParts(send, parts, ownerNode, now);
    }
    return true;
  }

  /** A send to several addresses: the send is accepted when any part is, and failed when every part is. */
  private boolean recordParts(Delivery send, SendOutcome.Parts parts, String ownerNode, Instant now) {
    boolean anyAccepted = parts.parts().stream().anyMatch(part -> part.outcome() instanceof SendOutcome.Accepted);
    if (!ledger.recordAnswer(anyAccepted ? send.accepted(null) : send.rejected("ALL_PARTS_REFUSED", "every part was refused"),
        ownerNode)) {
      return false;
    }
    for (SendOutcome.Part part : parts.parts()) {
      if (part.outcome() instanceof SendOutcome.Accepted accepted) {
        Delivery recorded = part.delivery().accepted(accepted.providerMessageId());
        ledger.insert(recorded, null, now);
        if (accepted.reached() != null) {
          ledger.recordStatus(recorded.id(), accepted.reached(), null, null, now);
        }
        applyEarlyReports(recorded);
        // receipts a device sent before its part was recorded reach the send now
        propagateToSend(recorded, new ArrayList<>(ledger.statuses(recorded.id())));
      } else if (part.outcome() instanceof SendOutcome.Rejected rejected) {
        Delivery recorded = part.delivery().rejected(rejected.errorCode(), rejected.reason());
        ledger.insert(recorded, null, now);
        ledger.recordStatus(recorded.id(), DeliveryStatus.FAILED, null, rejected.errorCode(), now);
      }
    }
    if (!anyAccepted) {
      ledger.recordStatus(send.id(), DeliveryStatus.FAILED, null, null, now);
    }
    return true;
  }

  /**
   * After a batch of answers committed: applies reports that arrived while they were being recorded (each side
   * writes, commits, then looks for the other, so a report and an answer that cross always meet), with one look
   * per provider.
   */
  public void applyReportsCrossingTheAnswers(List<Delivery> recorded) {
    recorded.stream().filter(delivery -> delivery.providerMessageId() != null)
        .collect(Collectors.groupingBy(Delivery::provider))
        .forEach((provider, deliveries) -> {
          Map<String, List<StoredReport>> crossing = inbox.unmatchedAmong(provider,
              deliveries.stream().map(Delivery::providerMessageId).toList());
          deliveries.stream().filter(delivery -> crossing.containsKey(delivery.providerMessageId()))
              .forEach(delivery -> apply(delivery, crossing.get(delivery.providerMessageId())));
        });
  }

  /**
   * Applies reports left unmatched although their send recorded the provider's id: the look after the answer's
   * commit ({@link #applyReportsCrossingTheAnswers}) failed, or its node died right after the commit.
   *
   * @return how many reports it applied
   */
  public int applyReportsLeftUnmatched(int limit) {
    Map<String, List<StoredReport>> left = inbox.unmatchedOfRecordedSends(limit);
    left.forEach((deliveryId, reports) -> ledger.findById(deliveryId).ifPresent(send -> apply(send, reports)));
    return left.values().stream().mapToInt(List::size).sum();
  }

  private void applyEarlyReports(Delivery recorded) {
    if (recorded.providerMessageId() == null) {
      return;
    }
    for (StoredReport early : inbox.unmatched(recorded.provider(), recorded.providerMessageId())) {
      List<DeliveryStatus> added = applyInTransaction(recorded, early);
      if (recorded.parentId() != null) {
        propagateToSend(recorded, added);
      }
    }
  }

  /** For catch events that just started waiting: correlates what the ledger already holds. */
  public void reconcile(String deliveryId, Collection<DeliveryStatus> awaited) {
    Set<DeliveryStatus> reached = ledger.statuses(deliveryId);
    awaited.stream().filter(reached::contains).sorted().forEach(s -> correlator.correlate(deliveryId, s));
  }

  private void apply(Delivery delivery, List<StoredReport> reports) {
    List<DeliveryStatus> added = ownTransaction.execute(tx -> reports.stream()
        .flatMap(stored -> applyInTransaction(delivery, stored).stream()).toList());
    correlateUp(delivery, added);
  }

  /**
   * Correlates what a delivery reached; for a part of a send to several addresses, the send
   * reaches it too (the journey waits on the send) — a failure only once every part failed.
   */
  private void correlateUp(Delivery delivery, List<DeliveryStatus> added) {
    if (delivery.parentId() == null) {
      correlateAll(delivery.id(), added);
      return;
    }
    if (added == null || added.isEmpty()) {
      return;
    }
    List<DeliveryStatus> sendAdded = ownTransaction.execute(tx -> propagateToSend(delivery, added));
    correlateAll(delivery.parentId(), sendAdded);
  }

  /** In the caller's transaction: what a part reached, its send reaches — a failure only once every part failed. */
  private List<DeliveryStatus> propagateToSend(Delivery part, List<DeliveryStatus> added) {
    String sendId = part.parentId();
    List<DeliveryStatus> result = new ArrayList<>();
    for (DeliveryStatus status : added) {
      if (status == DeliveryStatus.FAILED && !ledger.parts(sendId).stream()
          .allMatch(sibling -> ledger.statuses(sibling.id()).contains(DeliveryStatus.FAILED))) {
        continue;
      }
      result.addAll(ledger.recordStatus(sendId, status, null, null, clock.instant()));
    }
    return result;
  }

  private List<DeliveryStatus> applyInTransaction(Delivery delivery, StoredReport stored) {
    inbox.markMatched(stored.id(), delivery.id());
    return record(delivery, stored.report());
  }

  /** Records what a report says about its delivery; returns the statuses that are new, in the order they happened. */
  private List<DeliveryStatus> record(Delivery delivery, StatusReport report) {
    if (report.channelUsed() != null && report.channelUsed() != delivery.channel()) {
      ledger.recordDeliveredVia(delivery.id(), report.channelUsed());
    }
    return ledger.recordStatus(delivery.id(), report.status(), report.providerStatus(), report.errorCode(),
        report.occurredAt());
  }

  /**
   * Correlates only what a committed catch event waits for. A catch whose gateway has not
   * committed yet is not missed: its wait and subscription commit together, and then
   * {@link #reconcile} finds the status in the ledger.
   */
  private void correlateAll(String deliveryId, List<DeliveryStatus> added) {
    if (added == null || added.isEmpty()) {
      return;
    }
    awaitedAmong(deliveryId, added).forEach(status -> correlator.correlate(deliveryId, status));
  }

  /** Which of the statuses a delivery just reached a catch event waits for. */
  private List<DeliveryStatus> awaitedAmong(String deliveryId, List<DeliveryStatus> added) {
    Set<DeliveryStatus> awaited = waits.awaited(deliveryId);
    return added.stream().filter(awaited::contains).toList();
  }
}
