package io.touchpoint.provider.simulator;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.InboundMessage;
import io.touchpoint.delivery.ProviderReports;
import io.touchpoint.delivery.StatusReport;
import io.touchpoint.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Plays a realistic status sequence for a simulated message — sent, then delivered or failed,
 * read (opened, for email) where the channel reports it, sometimes a reply (a click, for
 * email) — into the same intake that provider callbacks use. Sequences live in memory:
 * a restart forgets the ones still playing, as a lost carrier receipt would.
 */
public class StatusSimulator implements DisposableBean {

  static final String PROVIDER = "simulator";

  /**
   * How simulated messages fare (see {@code touchpoint.simulator.*}).
   *
   * @param failureRate share of messages that fail (email: bounce)
   * @param readRate    share of delivered messages that are read, where the channel reports reads
   * @param replyRate   share of delivered (where reads are reported: read) messages that get a reply (email: a click)
   */
  public record Timing(Duration sentAfter, Duration deliveredAfter, Duration readAfter, double failureRate,
      double readRate, double replyRate, Duration replyAfter) {
  }
  private static final Logger LOG = LoggerFactory.getLogger(StatusSimulator.class);

  private final Timing settings;
  private final ProviderReports reports;
  private final DoubleSupplier dice;
  private final Clock clock;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "touchpoint-simulator");
    thread.setDaemon(true);
    return thread;
  });

  public StatusSimulator(Timing settings, ProviderReports reports, DoubleSupplier dice, Clock clock) {
    this.settings = settings;
    this.reports = reports;
    this.dice = dice;
    this.clock = clock;
  }

  void play(Channel channel, String messageId, String recipient) {
    boolean fails = dice.getAsDouble() < settings.failureRate();
    after(settings.sentAfter(), () -> report(messageId, DeliveryStatus.SENT, "sent", null));
    if (fails) {
      DeliveryStatus failure = channel.canReport(DeliveryStatus.BOUNCED) ? DeliveryStatus.BOUNCED : DeliveryStatus.FAILED;
      after(settings.deliveredAfter(), () -> report(messageId, failure, "undelivered", "30003"));
      return;
    }
    after(settings.deliveredAfter(), () -> report(messageId, DeliveryStatus.DELIVERED, "delivered", null));
    // read receipts, or opens for email; then a reply, or a click for email
    DeliveryStatus seen = channel.canReport(DeliveryStatus.READ) ? DeliveryStatus.READ
        : channel.canReport(DeliveryStatus.OPENED) ? DeliveryStatus.OPENED : null;
    boolean wasSeen = seen != null && dice.getAsDouble() < settings.readRate();
    if (wasSeen) {
      after(settings.readAfter(), () -> report(messageId, seen, seen.wireName(), null));
    }
    if ((wasSeen || seen == null) && dice.getAsDouble() < settings.replyRate()) {
      if (channel.canReport(DeliveryStatus.REPLIED)) {
        after(settings.replyAfter(), () -> reports.inbound(new InboundMessage(PROVIDER,
            "SIMIN" + UUID.randomUUID().toString().replace("-", ""), channel, recipient, "Yes, please!", messageId,
            null)));
      } else if (channel.canReport(DeliveryStatus.CLICKED)) {
        after(settings.replyAfter(), () -> report(messageId, DeliveryStatus.CLICKED, "clicked", null));
      }
    }
  }

  private void report(String messageId, DeliveryStatus status, String providerStatus, String errorCode) {
    reports.status(new StatusReport(PROVIDER, messageId, status, providerStatus, errorCode, clock.instant(), null));
  }

  private void after(Duration delay, Runnable step) {
    scheduler.schedule(() -> {
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.warn(ErrorCode.SIMULATOR_001 + " simulated report failed", e);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
