package io.touchpoint.provider.twilio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.LookupRound;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;
import io.touchpoint.provider.Reconciliation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's messages through Twilio's Messages API (SMS, WhatsApp and RCS alike), with a status
 * callback to Touchpoint. The sender is the channel's own address or a messaging service; rich
 * content goes as a content template ({@link TwilioContentTemplates}).
 */
public class TwilioMessaging implements MessagingProvider {

  /** The provider name in the ledger, also used by Twilio's callbacks to find deliveries. */
  public static final String NAME = "twilio";
  /** The status callback URL's parameter naming the send, so a callback finds a send not yet answered. */
  public static final String SEND_PARAMETER = "send";
  /** How far Twilio's clock may be behind ours when a lost message is looked up. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
  /** A round of fewer lost attempts is looked up one by one: a listing costs more than their looks. */
  private static final int ROUND_LISTING_FROM = 10;
  /** At most this many messages are listed for a round (≈ 2 KB each in memory while it is reconciled). */
  private static final int ROUND_LISTING_AT_MOST = 10_000;
  /** A round's listing allows Twilio's clock this far behind ours (a synchronised clock is far closer). */
  private static final Duration ROUND_CLOCK_SKEW = Duration.ofSeconds(10);
  /**
   * A round's listing holds the messages Twilio sent within this long after the latest attempt began; one it held back
   * longer (queued behind a rate limit) is looked up alone.
   */
  private static final Duration ROUND_SENT_WITHIN = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(TwilioMessaging.class);
  private static final Comparator<Message> OLDEST_FIRST = Comparator.comparing(Message::getDateCreated,
      Comparator.nullsLast(Comparator.naturalOrder()));

  /** Who a channel's messages come from: a number ({@code +1...}, {@code whatsapp:+1...}) or a messaging service. */
  public record Sender(String from, String messagingServiceSid) {
  }

  private final TwilioRestClient client;
  private final Sender sender;
  private final URI statusCallback;
  private final TwilioContentTemplates contentTemplates;
  private final ObjectMapper json;

  public TwilioMessaging(TwilioRestClient client, Sender sender, URI statusCallback,
      TwilioContentTemplates contentTemplates, ObjectMapper json) {
    this.client = client;
    this.sender = sender;
    this.statusCallback = statusCallback;
    this.contentTemplates = contentTemplates;
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    String contentSid = message.richContent() != null ? contentTemplates.sidFor(message.richContent())
        : message.contentSid();
    // a content template carries its own text
    String body = contentSid != null ? null : message.text();
    MessageCreator creator = sender.messagingServiceSid() != null
        ? Message.creator(to, sender.messagingServiceSid(), body)
        : Message.creator(to, new PhoneNumber(sender.from()), body);
    creator.setStatusCallback(URI.create(statusCallback + "?" + SEND_PARAMETER + "=" + delivery.id()));
    if (message.mediaUrl() != null) {
      creator.setMediaUrl(message.mediaUrl());
    }
    if (contentSid != null) {
      creator.setContentSid(contentSid);
      if (!message.contentVariables().isEmpty()) {
        creator.setContentVariables(toJson(message));
      }
    }
    try {
      return new SendOutcome.Accepted(creator.create(client).getSid());
    } catch (ApiException refused) {
      return TwilioApiErrors.rejectionOrThrow(refused);
    }
  }

  /**
   * Looks a message whose answer was lost up in Twilio's Messages list: to the same address, created since the
   * lost attempt began, from this channel's sender, with the same text (when it had one), not recorded for
   * another send. A round of many lost attempts (a node died) is first answered from one listing of the sender's
   * messages; what that does not find is looked up address by address. Messages Twilio still queues have no sent
   * date yet, so the newest messages to the address are read as well.
   */
  @Override
  public Reconciliation reconcile(LostAttempt attempt, OutboundMessage message) {
    Instant since = attempt.startedAt().minus(CLOCK_SKEW);
    Predicate<Message> same = candidate -> isOurs(candidate, message, since)
        && !attempt.recordedElsewhere().test(candidate.getSid());
    Optional<Message> found = sentInRound(attempt.round())
        .getOrDefault(Channel.numberOf(message.to()), List.of()).stream().filter(same).min(OLDEST_FIRST);
    if (found.isEmpty()) {
      found = StreamSupport.stream(Message.reader().setTo(message.to())
              .setDateSentAfter(since.atZone(ZoneOffset.UTC)).setPageSize(50L).read(client).spliterator(), false)
          .filter(same).min(OLDEST_FIRST);
    }
    if (found.isEmpty()) {
      found = StreamSupport.stream(Message.reader().setTo(message.to()).setPageSize(50L).limit(50).read(client)
              .spliterator(), false)
          .filter(same).min(OLDEST_FIRST);
    }
    return found.<Reconciliation>map(m -> new Reconciliation.Sent(m.getSid()))
        .orElseGet(() -> new Reconciliation.SendAgain("Twilio has no such message to " + message.to() + " since "
            + since));
  }

  /**
   * The sender's messages sent while the round's attempts were made, by address; listed once per round, and only for
   * a round worth it. The listing only ever finds messages, never rules one out, so its window may be narrow (a
   * message sent outside it is looked up alone). Nothing when the listing would be longer than
   * {@link #ROUND_LISTING_AT_MOST} (a busy account) or Twilio could not list: the attempts are then looked up alone.
   */
  private Map<String, List<Message>> sentInRound(LookupRound round) {
    if (round.attempts() < ROUND_LISTING_FROM || round.earliestStart().isEmpty() || round.latestStart().isEmpty()) {
      return Map.of();
    }
    return round.once(this, () -> {
      MessageReader reader = Message.reader().setPageSize(1000L)
          .setDateSentAfter(round.earliestStart().get().minus(ROUND_CLOCK_SKEW).atZone(ZoneOffset.UTC))
          .setDateSentBefore(round.latestStart().get().plus(ROUND_SENT_WITHIN).atZone(ZoneOffset.UTC));
      if (sender.from() != null) {
        reader.setFrom(sender.from());
      }
      try {
        List<Message> listed = new ArrayList<>();
        for (Message message : reader.limit(ROUND_LISTING_AT_MOST + 1L).read(client)) {
          listed.add(message);
        }
        return listed.size() > ROUND_LISTING_AT_MOST ? Map.of()
            : listed.stream().filter(m -> m.getTo() != null)
                .collect(Collectors.groupingBy(m -> Channel.numberOf(m.getTo())));
      } catch (RuntimeException unavailable) {
        LOG.debug("Twilio could not list the messages of a recovery round; looking them up one by one", unavailable);
        return Map.of();
      }
    });
  }

  private boolean isOurs(Message candidate, OutboundMessage message, Instant since) {
    // a date Twilio did not give cannot rule the message out
    if (candidate.getDateCreated() != null && candidate.getDateCreated().toInstant().isBefore(since)) {
      return false;
    }
    boolean fromUs = sender.messagingServiceSid() != null
        ? sender.messagingServiceSid().equals(candidate.getMessagingServiceSid())
        : candidate.getFrom() != null && sender.from().equals(candidate.getFrom().toString());
    boolean sameText = message.text() == null || message.contentSid() != null || message.richContent() != null
        || message.text().strip().equals(candidate.getBody() == null ? null : candidate.getBody().strip());
    // Twilio lists by address already; a list that did not (a stand-in) must not hand us another contact's message
    boolean sameAddress = candidate.getTo() == null
        || Channel.numberOf(candidate.getTo()).equals(Channel.numberOf(message.to()));
    return fromUs && sameText && sameAddress;
  }

  private String toJson(OutboundMessage message) {
    try {
      return json.writeValueAsString(message.contentVariables());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
