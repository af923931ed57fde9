package io.touchpoint.delivery;


/**
 * Where a provider's reports go: the statuses of its messages and the messages contacts send. A provider that
 * reports by calling back (the simulator) plays into this, as Twilio's callbacks do over HTTP.
 */
public interface ProviderReports {

  void status(StatusReport report);

  void inbound(InboundMessage message);
}
