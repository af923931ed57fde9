package io.touchpoint.correlation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates statuses that reached the ledger while a catch event waited for them but were not
 * correlated (the node crashed in between, the conflict retries ran out). Safe on every node.
 */
public class StatusWaitSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(StatusWaitSweeper.class);
  private static final int BATCH = 500;

  private final StatusWaits waits;
  private final StatusCorrelator correlator;

  public StatusWaitSweeper(StatusWaits waits, StatusCorrelator correlator) {
    this.waits = waits;
    this.correlator = correlator;
  }

  /** @return how many owed correlations were attempted */
  public int sweep() {
    var owed = waits.reached(BATCH);
    owed.forEach(wait -> correlator.correlate(wait.deliveryId(), wait.status()));
    if (!owed.isEmpty()) {
      LOG.info("TOUCHPOINT-CORRELATE-002 correlated {} owed status(es)", owed.size());
    }
    return owed.size();
  }
}
