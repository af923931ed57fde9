package io.touchpoint.inbound;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.InboundMessage;
import io.touchpoint.delivery.ProviderReports;
import io.touchpoint.delivery.StatusReport;

/** Takes providers' reports in: statuses to the status intake, contacts' messages to the inbound handling. */
public class ProviderReportIntake implements ProviderReports {

  private final DeliveryStatusService statuses;
  private final InboundMessageService inbound;

  public ProviderReportIntake(DeliveryStatusService statuses, InboundMessageService inbound) {
    this.statuses = statuses;
    this.inbound = inbound;
  }

  @Override
  public void status(StatusReport report) {
    statuses.receive(report);
  }

  @Override
  public void inbound(InboundMessage message) {
    inbound.receive(message);
  }
}
