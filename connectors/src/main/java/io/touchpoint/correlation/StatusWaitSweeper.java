package io.touchpoint.correlation;

import io.touchpoint.error.ErrorCode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies provider reports left unmatched after their send's answer, and correlates statuses that reached the
 * ledger while a catch event waited for them but were not correlated (the node crashed in between, the conflict
 * retries ran out, the journey failed right after the catch). Takes the due waits that waited longest, a batch at a
 * time; a wait that keeps failing is due again only after its delay ({@link StatusWaitRetries}), so it cannot hold
 * up the others. Safe on every node.
 */
public class StatusWaitSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWaitSweeper.class);

  private final StatusWaits waits;
  private final StatusCorrelator correlator;
  private final DeliveryStatusService statuses;
  private final int batchSize;

  public StatusWaitSweeper(StatusWaits waits, StatusCorrelator correlator, DeliveryStatusService statuses,
      int batchSize) {
    this.waits = waits;
    this.correlator = correlator;
    this.statuses = statuses;
    this.batchSize = batchSize;
  }

  /**
   * First applies reports that were left unmatched though their send is recorded (they reach their waits from
   * there), then correlates the waits whose status the ledger holds.
   *
   * @return how many owed correlations were attempted
   */
  public int sweep() {
    try {
      int applied = statuses.applyReportsLeftUnmatched(batchSize);
      if (applied > 0) {
        LOG.info(ErrorCode.CORRELATE_008 + " applied {} status report(s) left unmatched after their send's answer",
            applied);
      }
    } catch (RuntimeException e) {
      // the owed waits below are settled all the same; the reports are tried again next sweep
      LOG.warn(ErrorCode.CORRELATE_008 + " applying reports left unmatched failed", e);
    }
    List<StatusWaits.ReachedWait> owed = waits.reached(batchSize);
    long failed = owed.stream()
        .filter(wait -> correlator.correlate(wait.deliveryId(), wait.status()) == StatusCorrelator.Result.FAILED)
        .count();
    if (!owed.isEmpty()) {
      LOG.info(ErrorCode.CORRELATE_002 + " settled {} owed status(es); {} failed and wait for their next attempt",
          owed.size() - failed, failed);
    }
    return owed.size();
  }
}
