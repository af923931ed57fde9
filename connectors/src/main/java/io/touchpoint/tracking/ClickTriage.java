package io.touchpoint.tracking;

import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.tracking.MachineClicks.HeldClick;
import io.touchpoint.tracking.MachineClicks.HeldEmail;
import io.touchpoint.tracking.MachineClicks.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tells a reader's clicks from a link scanner's. A mail security gateway follows every link of an
 * email within seconds of its delivery, often under a browser's user agent; so besides known
 * scanners' user agents, a click within the prefetch window after the send is held until the window
 * closes: then it is the scanner's if several links of that email were hit in the window, else the
 * reader's (CLICKED, as of when they clicked). Scanners' clicks still redirect; they move no journey.
 */
public class ClickTriage {

  private final MachineClicks machineClicks;
  private final DeliveryStatusService statuses;
  private final Duration window;
  private final Clock clock;

  public ClickTriage(MachineClicks machineClicks, DeliveryStatusService statuses, Duration window, Clock clock) {
    this.machineClicks = machineClicks;
    this.statuses = statuses;
    this.window = window;
    this.clock = clock;
  }

  /** A verified click on one of the email's links. */
  public void click(String deliveryId, String url, String userAgent) {
    Instant now = clock.instant();
    if (MachineAgents.isMachine(userAgent)) {
      machineClicks.record(deliveryId, url, userAgent, Reason.AGENT, now);
      return;
    }
    // a send not recorded yet is as recent as can be
    Optional<Instant> sentAt = machineClicks.sentAt(deliveryId);
    if (window.isZero() || sentAt.filter(sent -> !now.isBefore(sent.plus(window))).isPresent()) {
      statuses.recordStatus(deliveryId, DeliveryStatus.CLICKED, null);
      return;
    }
    machineClicks.hold(deliveryId, url, userAgent, now);
  }

  /** Decides the held clicks of every email whose window has closed. Safe on every node, any number of times. */
  public void review() {
    Instant now = clock.instant();
    for (HeldEmail email : machineClicks.heldSince(now.minus(window))) {
      Instant opened = email.sentAt() != null ? email.sentAt() : email.firstClick();
      if (now.isBefore(opened.plus(window))) {
        continue;
      }
      List<HeldClick> clicks = machineClicks.held(email.deliveryId());
      if (clicks.stream().map(HeldClick::link).distinct().count() > 1) {
        machineClicks.flagAsPrefetch(clicks);
      } else if (!clicks.isEmpty()) {
        // recorded before the clicks are let go: a node dying in between leaves them for the next review
        statuses.recordStatus(email.deliveryId(), DeliveryStatus.CLICKED, null, clicks.get(0).clickedAt());
        clicks.forEach(machineClicks::release);
      }
    }
  }
}
