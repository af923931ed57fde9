package io.touchpoint.callback.email;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.smtp.bounce.BounceReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns delivery status reports from the bounce mailbox into statuses: a permanent failure is
 * BOUNCED, a success report DELIVERED; a delay changes nothing (a final report follows).
 */
public class BounceIntake {

  private static final Logger LOG = LoggerFactory.getLogger(BounceIntake.class);

  private final DeliveryLedger ledger;
  private final DeliveryStatusService statuses;

  public BounceIntake(DeliveryLedger ledger, DeliveryStatusService statuses) {
    this.ledger = ledger;
    this.statuses = statuses;
  }

  public void receive(BounceReport report) {
    if (ledger.findById(report.deliveryId()).isEmpty()) {
      LOG.info(ErrorCode.BOUNCE_101 + " report for unknown delivery {} ignored", report.deliveryId());
      return;
    }
    switch (report.kind()) {
      case BOUNCED -> {
        if (report.permanent()) {
          statuses.recordStatus(report.deliveryId(), DeliveryStatus.BOUNCED, report.status());
        }
      }
      case DELIVERED -> statuses.recordStatus(report.deliveryId(), DeliveryStatus.DELIVERED, report.status());
      case DELAYED -> LOG.debug(ErrorCode.BOUNCE_102 + " delivery {} delayed: {}", report.deliveryId(),
          report.status());
    }
  }
}
