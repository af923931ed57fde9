package io.touchpoint.inbound;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.consent.Keywords;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.InboundMessage;
import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Handles what contacts send us: opt-out / opt-in keywords change consent for that channel;
 * anything else is a reply — to the message the channel says it answers, else to the newest
 * message we sent that address on that channel. A keyword is only a keyword when no journey waits
 * for a reply from that address on that channel, and never a pressed button: "Yes" or "Cancel"
 * answering a question is an answer.
 */
public class InboundMessageService {

  /** What an inbound message turned out to be. */
  public enum Handling { OPTED_OUT, OPTED_IN, REPLY, UNATTRIBUTED, DUPLICATE }

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final DeliveryLedger ledger;
  private final ConsentRegistry consent;
  private final Keywords keywords;
  private final StatusWaits waits;
  private final DeliveryStatusService statuses;
  private final Clock clock;

  public InboundMessageService(JdbcClient jdbc, InsertOnce insertOnce, DeliveryLedger ledger,
      ConsentRegistry consent, Keywords keywords, StatusWaits waits, DeliveryStatusService statuses, Clock clock) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.ledger = ledger;
    this.consent = consent;
    this.keywords = keywords;
    this.waits = waits;
    this.statuses = statuses;
    this.clock = clock;
  }

  private Optional<Keywords.Intent> keyword(InboundMessage message) {
    if (message.payload() != null) {
      return Optional.empty();
    }
    return keywords.intentOf(message.body())
        .filter(intent -> !waits.replyAwaitedFrom(message.channel(), message.from()));
  }

  /**
   * The message answered: the one the channel names, else the newest sent to that address on
   * that channel, else — for an SMS — the newest RCS message that reached the number as SMS.
   */
  private Optional<Delivery> attribute(InboundMessage message) {
    if (message.repliedTo() != null) {
      Optional<Delivery> named = ledger.findByProviderMessageId(message.provider(), message.repliedTo());
      if (named.isPresent()) {
        return named;
      }
    }
    Optional<Delivery> latest = ledger.latestAcceptedTo(message.channel(), message.from());
    if (latest.isEmpty() && message.channel() == Channel.SMS) {
      return ledger.latestDeliveredVia(Channel.RCS, "rcs:" + message.from(), Channel.SMS);
    }
    return latest;
  }

  public Handling receive(InboundMessage message) {
    Optional<Keywords.Intent> keyword = keyword(message);
    Optional<Delivery> repliedTo = keyword.isPresent() ? Optional.empty() : attribute(message);
    String id = UUID.randomUUID().toString();
    boolean first = insertOnce.insert(() -> jdbc.sql("""
            insert into tp_inbound_message (id, provider, provider_message_id, channel, sender, body,
              payload, replied_to, delivery_id, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, message.provider(), message.providerMessageId(), message.channel().name(), message.from(),
            message.body(), message.payload(), message.repliedTo(), repliedTo.map(Delivery::id).orElse(null),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
    if (!first) {
      return Handling.DUPLICATE;
    }
    if (keyword.isPresent()) {
      if (keyword.get() == Keywords.Intent.OPT_OUT) {
        consent.optOut(message.channel(), message.from(), message.body().trim());
        return Handling.OPTED_OUT;
      }
      consent.optIn(message.channel(), message.from());
      return Handling.OPTED_IN;
    }
    if (repliedTo.isEmpty()) {
      return Handling.UNATTRIBUTED;
    }
    statuses.recordStatus(repliedTo.get().id(), DeliveryStatus.REPLIED, null);
    return Handling.REPLY;
  }
}
