package io.touchpoint.governor;

import io.touchpoint.governor.GovernorDecision.Hold;
import io.touchpoint.governor.GovernorDecision.Release;
import io.touchpoint.governor.GovernorDecision.Suppress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Decides, in the journey's transaction, whether a send goes out now: an emergency stop holds everything in its
 * scope; quiet hours (in the contact's time zone) and frequency caps hold marketing sends. A send that would be held
 * longer than its task allows (counted from when it was first due) is suppressed instead.
 */
public class SendGovernor {

  /** Rules from {@code touchpoint.governor.*}. */
  public record Rules(QuietHours quietHours, ZoneId defaultTimeZone, List<FrequencyCap> caps,
      Duration pauseRecheck) {
  }

  private final Rules rules;
  private final Pauses pauses;
  private final SendCounts counts;
  private final GovernorMetrics metrics;

  public SendGovernor(Rules rules, Pauses pauses, SendCounts counts, GovernorMetrics metrics) {
    this.rules = rules;
    this.pauses = pauses;
    this.counts = counts;
    this.metrics = metrics;
  }

  public GovernorDecision decide(GovernedSend send, Instant now) {
    GovernorDecision decision = decision(send, now);
    metrics.decided(decision);
    return decision;
  }

  private GovernorDecision decision(GovernedSend send, Instant now) {
    Optional<Hold> hold = pausedUntil(send, now);
    if (hold.isEmpty() && send.type() == MessageType.MARKETING) {
      hold = quietUntil(send, now).or(() -> cappedUntil(send, now));
    }
    if (hold.isEmpty()) {
      return new Release();
    }
    Hold held = hold.get();
    return Duration.between(send.firstDue(), held.until()).compareTo(send.holdAtMost()) > 0
        ? new Suppress(held.reason()) : held;
  }

  /** A pause has no end: the send is looked at again after a while, and at once when the pause is lifted. */
  private Optional<Hold> pausedUntil(GovernedSend send, Instant now) {
    return pauses.active().stream().filter(pause -> pause.covers(send.channel(), send.journeyKey())).findFirst()
        .map(pause -> new Hold(now.plus(rules.pauseRecheck()), "paused"));
  }

  private Optional<Hold> quietUntil(GovernedSend send, Instant now) {
    if (rules.quietHours() == null) {
      return Optional.empty();
    }
    return rules.quietHours().endOfWindowAround(now, zoneOf(send)).map(end -> new Hold(end, "quiet-hours"));
  }

  private Optional<Hold> cappedUntil(GovernedSend send, Instant now) {
    List<FrequencyCap> caps = rules.caps().stream().filter(cap -> cap.covers(send.channel())).toList();
    if (caps.isEmpty() || send.contactId() == null) {
      return Optional.empty();
    }
    counts.lock(send.contactId());
    Instant until = null;
    for (FrequencyCap cap : caps) {
      List<Instant> released = counts.releasedSince(send.contactId(), cap, now.minus(cap.window()));
      if (released.size() >= cap.count()) {
        // the cap allows another send once enough of these have left the window
        Instant allowed = released.get(released.size() - cap.count()).plus(cap.window());
        until = until == null || allowed.isAfter(until) ? allowed : until;
      }
    }
    return Optional.ofNullable(until).map(moment -> new Hold(moment, "frequency-cap"));
  }

  private ZoneId zoneOf(GovernedSend send) {
    if (send.timeZone() == null || send.timeZone().isBlank()) {
      return rules.defaultTimeZone();
    }
    try {
      return ZoneId.of(send.timeZone());
    } catch (java.time.DateTimeException unknown) {
      return rules.defaultTimeZone();
    }
  }
}
