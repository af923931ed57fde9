package io.touchpoint.channel.push;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.delivery.SkipReason;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.OutboundPush;
import io.touchpoint.provider.Reconciliation;
import io.touchpoint.provider.PushSender;
import io.touchpoint.tracking.TrackingLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The push channel task's connector: every device of the contact; a token FCM called unregistered is not used again. */
public class PushConnector implements ChannelConnector<PushMessage> {

  /** FCM's word for a token that no longer reaches a device. */
  static final String UNREGISTERED = "UNREGISTERED";

  private final PushSender sender;
  private final ConsentRegistry consent;
  private final TrackingLinks links;

  public PushConnector(PushSender sender, ConsentRegistry consent, TrackingLinks links) {
    this.sender = sender;
    this.consent = consent;
    this.links = links;
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public Class<PushMessage> inputType() {
    return PushMessage.class;
  }

  /** The token; for a send to several devices a summary, as each device's part records its own token. */
  @Override
  public String recipient(PushMessage input) {
    List<String> tokens = input.tokens();
    return tokens.size() == 1 ? tokens.get(0) : tokens.size() + " devices";
  }

  @Override
  public void ensureConfigured() {
    sender.ensureConfigured();
  }

  @Override
  public String provider() {
    return sender.name();
  }

  /** FCM cannot be asked what it took: the template's guarantee decides (at most once by default). */
  @Override
  public Reconciliation reconcile(LostAttempt attempt, PushMessage input) {
    return input.atLeastOnce() ? new Reconciliation.SendAgain("push at least once")
        : new Reconciliation.GiveUp("push at most once: FCM keeps no record to look the notification up in");
  }

  /**
   * One device: one send. Several devices: one part per live token, so each is ledgered and
   * receipted on its own; a device failing for a passing reason while others took the message is
   * recorded as failed for that device rather than retried (a retry would notify the others twice).
   */
  @Override
  public SendOutcome send(Delivery delivery, PushMessage input) {
    List<String> tokens = input.tokens();
    if (tokens.size() == 1) {
      return sendTo(delivery, input, tokens.get(0));
    }
    List<String> live = tokens.stream().filter(token -> !consent.isOptedOut(Channel.PUSH, token)).toList();
    if (live.isEmpty()) {
      return new SendOutcome.Skipped(SkipReason.OPTED_OUT, "every device token is unregistered");
    }
    List<SendOutcome.Part> parts = new ArrayList<>();
    RuntimeException passing = null;
    for (int i = 0; i < live.size(); i++) {
      Delivery part = delivery.part(live.get(i), i);
      try {
        parts.add(new SendOutcome.Part(part, sendTo(part, input, live.get(i))));
      } catch (RuntimeException unavailable) {
        passing = unavailable;
        parts.add(new SendOutcome.Part(part, new SendOutcome.Rejected("UNAVAILABLE", unavailable.getMessage())));
      }
    }
    if (passing != null && parts.stream().noneMatch(part -> part.outcome() instanceof SendOutcome.Accepted)) {
      throw passing;
    }
    return new SendOutcome.Parts(parts);
  }

  private SendOutcome sendTo(Delivery delivery, PushMessage input, String token) {
    SendOutcome outcome = sender.send(delivery, new OutboundPush(token, input.title(), input.body(),
        !"normal".equals(input.priority()), input.timeToLive() == null ? null : Duration.parse(input.timeToLive()),
        input.collapseKey(), input.sound(), input.badge() == null ? null : Integer.valueOf(input.badge()),
        input.icon(), input.link(), data(input.data()), links.receipt(delivery.id())));
    if (outcome instanceof SendOutcome.Rejected rejected && UNREGISTERED.equals(rejected.errorCode())) {
      // a dead token: later sends to it are skipped like an opt-out, and the ledger says why
      consent.optOut(Channel.PUSH, token, UNREGISTERED);
    }
    return outcome;
  }

  /** The form's {@code key=value} lines. */
  private static Map<String, String> data(String lines) {
    Map<String, String> data = new LinkedHashMap<>();
    if (lines != null) {
      for (String line : lines.split("\\R")) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          data.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
        }
      }
    }
    return data;
  }
}
