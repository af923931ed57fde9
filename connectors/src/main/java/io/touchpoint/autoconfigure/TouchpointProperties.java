package io.touchpoint.autoconfigure;

import io.touchpoint.error.ErrorCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Touchpoint's settings ({@code touchpoint.*}).
 *
 * @param publicBaseUrl URL at which providers and contacts reach this installation; callback URLs, signatures and
 *                      tracking links are built on it. Required: startup fails without it
 * @param api           the event API
 * @param twilio        Twilio account used for SMS, WhatsApp and RCS; a channel without credentials and sender has no
 *                      provider (see {@code simulator})
 * @param fcm           Firebase Cloud Messaging for push; without a project and credentials push has no provider
 * @param email         the email channel (the SMTP relay itself is {@code spring.mail.*})
 * @param tracking      signed tracking links (email opens, clicks, unsubscribe)
 * @param webhook       the webhook task
 * @param simulator     whether channels without a live provider run on the built-in simulator, and how it behaves
 * @param correlation   status correlation housekeeping
 * @param retention     how long Touchpoint keeps the ledger rows of ended journeys
 * @param consent       what inbound messages change consent
 * @param pipeline      the send pipeline: how many provider calls run at once, failover of a dead node's sends
 * @param launch        campaign launches: how many chunks of stored events each node applies at once
 */
@Validated
@ConfigurationProperties("touchpoint")
public record TouchpointProperties(
    @NotNull(message = ErrorCode.Constants.CONFIG_007 + " set touchpoint.public-base-url (TOUCHPOINT_PUBLIC_BASE_URL)"
        + " to the URL providers and contacts reach this installation on") URI publicBaseUrl,
    @Valid @DefaultValue Api api,
    @Valid @DefaultValue Twilio twilio,
    @Valid @DefaultValue Fcm fcm,
    @Valid @DefaultValue Email email,
    @Valid @DefaultValue Tracking tracking,
    @Valid @DefaultValue Webhook webhook,
    @Valid @DefaultValue Simulator simulator,
    @Valid @DefaultValue Correlation correlation,
    @Valid @DefaultValue Retention retention,
    @Valid @DefaultValue Consent consent,
    @Valid @DefaultValue Pipeline pipeline,
    @Valid @DefaultValue Launch launch,
    @Valid @DefaultValue Governor governor) {

  /**
   * @param keys             API keys accepted as {@code Authorization: Bearer <key>} on {@code /api/**}; none means
   *                         no access
   * @param maxBodySize      largest body {@code POST /api/events} reads; a larger one is refused with 413
   * @param maxBatchBodySize largest body {@code POST /api/events/batch} reads; a larger one is refused with 413
   */
  public record Api(
      @DefaultValue List<String> keys,
      @DefaultValue("1MB") DataSize maxBodySize,
      @DefaultValue("16MB") DataSize maxBatchBodySize) {

    @Override
    public String toString() {
      return "Api[keys=" + keys.size() + " configured, maxBodySize=" + maxBodySize + ", maxBatchBodySize="
          + maxBatchBodySize + "]";
    }
  }

  /**
   * @param accountSid          Twilio account SID (AC...)
   * @param authToken           Twilio auth token; also verifies the signatures of Twilio's callbacks
   * @param apiBaseUrl          base URL of Twilio's REST API; point it at a local fake in tests
   * @param smsFrom             sender phone number for SMS, E.164; without it (or a messaging service) SMS has no provider
   * @param whatsappFrom        WhatsApp sender, {@code whatsapp:+1...}; without it (or a messaging service) WhatsApp has no
   *                            provider
   * @param rcsFrom             RCS sender ({@code rcs:<agent>}), RCS only; SMS fallback needs a messaging service with
   *                            RCS and SMS senders; without either RCS has no provider
   * @param messagingServiceSid messaging service (MG...) used as sender instead of a number when set
   */
  public record Twilio(
      String accountSid,
      String authToken,
      @NotNull @DefaultValue("https://api.twilio.com") URI apiBaseUrl,
      String smsFrom,
      String whatsappFrom,
      String rcsFrom,
      String messagingServiceSid) {


    @Override
    public String toString() {
      return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "none" : "******")
          + ", apiBaseUrl=" + apiBaseUrl + ", smsFrom=" + smsFrom + ", whatsappFrom=" + whatsappFrom
          + ", rcsFrom=" + rcsFrom + ", messagingServiceSid=" + messagingServiceSid + "]";
    }
  }

  /**
   * @param projectId       Firebase project id
   * @param credentialsFile service-account JSON of the project; never logged
   * @param apiBaseUrl      base URL of FCM's HTTP v1 API; point it at a local fake in tests
   */
  public record Fcm(String projectId, Path credentialsFile,
      @NotNull @DefaultValue("https://fcm.googleapis.com") URI apiBaseUrl) {

    public boolean isConfigured() {
      return projectId != null && !projectId.isBlank() && credentialsFile != null;
    }
  }

  /**
   * @param from               default sender address of emails
   * @param bounceAddress      mailbox bounces go to; each email's envelope sender is its VERP form
   *                           ({@code bounces+<delivery>@domain}), so a bounce names its delivery
   * @param attachmentsFolder  folder that attachments named by file name are read from
   * @param templatesFolder    folder of FreeMarker email bodies an email task can name instead of inline HTML
   * @param maxAttachmentSize  largest attachment sent, from the folder or fetched from a URL
   * @param bounceMailbox      the IMAP mailbox behind {@code bounceAddress}, read for delivery status reports
   */
  public record Email(
      String from,
      String bounceAddress,
      Path attachmentsFolder,
      Path templatesFolder,
      @DefaultValue("10MB") DataSize maxAttachmentSize,
      @Valid @DefaultValue BounceMailbox bounceMailbox) {
  }

  /**
   * @param host         IMAP host; without one bounces are not read
   * @param port         IMAP port
   * @param username     mailbox user
   * @param password     mailbox password; never logged
   * @param folder       folder the reports arrive in
   * @param ssl          implicit TLS (imaps)
   * @param pollInterval how often each node reads new reports
   */
  public record BounceMailbox(
      String host,
      @DefaultValue("993") int port,
      String username,
      String password,
      @DefaultValue("INBOX") String folder,
      @DefaultValue("true") boolean ssl,
      @DefaultValue("1m") Duration pollInterval) {

    @Override
    public String toString() {
      return "BounceMailbox[host=" + host + ", port=" + port + ", username=" + username + ", password="
          + (password == null ? "none" : "******") + ", folder=" + folder + ", ssl=" + ssl + "]";
    }
  }

  /**
   * @param secret         key that signs tracking links, unsubscribe links and push receipts; the same value on
   *                       every node, kept across restarts (links already sent stop working when it changes).
   *                       Required: startup fails without it
   * @param prefetchWindow time after an email's send in which clicks on several of its links are a link
   *                       scanner's; a click in it counts once it has passed. 0 turns the check off (known
   *                       scanners' user agents are still recognised)
   */
  public record Tracking(
      @NotBlank(message = ErrorCode.Constants.CONFIG_008 + " set touchpoint.tracking.secret"
          + " (TOUCHPOINT_TRACKING_SECRET), the same value on every node: it signs tracking links, unsubscribe links"
          + " and push receipts") String secret,
      @DefaultValue("10s") Duration prefetchWindow) {

    @Override
    public String toString() {
      return "Tracking[secret=" + (secret == null ? "none" : "******") + ", prefetchWindow=" + prefetchWindow + "]";
    }
  }

  /**
   * @param allowedHosts hosts (names or addresses) webhooks and email attachment URLs may reach although they are
   *                     private, loopback or link-local; every other such target, redirects included, is refused
   *                     (SSRF guard)
   */
  public record Webhook(@DefaultValue List<String> allowedHosts) {
  }

  /**
   * @param enabled        run channels without provider settings on the simulator, which accepts every message and
   *                       reports made-up statuses; off, such a channel fails its sends with an incident naming the
   *                       settings it lacks. For demos and development only
   * @param sentAfter      delay before a simulated message reports "sent"
   * @param deliveredAfter delay before it reports "delivered" or "failed"
   * @param readAfter      delay before a delivered message is reported "read" (channels that report reads)
   * @param failureRate    share of simulated messages that fail (0 to 1)
   * @param readRate       share of delivered messages that are read, where the channel reports reads (0 to 1)
   * @param replyRate      share of delivered (or, where reads are reported, read) messages that get a reply (0 to 1)
   * @param replyAfter     delay before a simulated reply arrives
   */
  public record Simulator(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("1s") Duration sentAfter,
      @DefaultValue("3s") Duration deliveredAfter,
      @DefaultValue("6s") Duration readAfter,
      @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.1") double failureRate,
      @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.7") double readRate,
      @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.2") double replyRate,
      @DefaultValue("10s") Duration replyAfter) {
  }

  /**
   * @param sweepInterval how often each node correlates statuses still owed to waiting catch events
   * @param maxAttempts   failed attempts to correlate one status after which it is given up on (a dead letter,
   *                      {@code /api/dead-letters})
   * @param retryDelay    delay after the first failed attempt; doubled after each further one
   * @param maxRetryDelay longest delay between two attempts
   */
  public record Correlation(
      @DefaultValue("10s") Duration sweepInterval,
      @Min(1) @DefaultValue("10") int maxAttempts,
      @DefaultValue("10s") Duration retryDelay,
      @DefaultValue("1h") Duration maxRetryDelay) {
  }

  /**
   * @param optOutKeywords whole messages (any case, trailing punctuation ignored) that opt the sender out of
   *                       that channel, unless a journey waits for the sender's reply there
   * @param optInKeywords  whole messages that opt the sender back in, with the same exception
   */
  public record Consent(
      @DefaultValue({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"})
      List<String> optOutKeywords,
      @DefaultValue({"START", "UNSTOP", "YES"}) List<String> optInKeywords) {
  }

  /**
   * @param period          how long the ledger rows of a journey ({@code tp_*}: deliveries, statuses, replies,
   *                        webhook calls) are kept after it ended, and how long event ids, unmatched provider reports
   *                        and unattributed inbound messages are kept; ISO-8601 ({@code P180D}) or {@code 180d}
   * @param cleanupInterval how often each node deletes what is older than that
   * @param batchSize       rows deleted per transaction
   */
  public record Retention(
      @NotNull @DefaultValue("P180D") Duration period,
      @NotNull @DefaultValue("1h") Duration cleanupInterval,
      @Min(1) @Max(10_000) @DefaultValue("500") int batchSize) {
  }

  /**
   * @param concurrency    provider calls in flight at once per provider on each node, unless set per provider
   * @param providers      calls in flight per provider name ({@code twilio}, {@code smtp}, {@code fcm},
   *                       {@code webhook}, {@code simulator}), overriding {@code concurrency}
   * @param queueCapacity  sends a provider's queue holds in memory per node; beyond, they wait in the ledger
   * @param unrecordedAnswers provider answers a node may hold before it has recorded them; while that many wait, its
   *                       lanes make no further call (bounds the memory, and what a crash leaves to look up)
   * @param heartbeat      how often each node records that it is alive and looks for sends to take over
   * @param deadAfter      how long a node may miss heartbeats before a live node takes over its sends (more than
   *                       twice the heartbeat); a call not made within half of it after its send was marked is not
   *                       made (the node was held up, and may have been taken over meanwhile)
   * @param staleAfter     how long a call may go unanswered before this node reconciles it with its provider (at
   *                       least half of dead-after plus 1 s, the longest a call may take to go out)
   * @param unknownOutcomeTimeout how long a send whose answer was lost may stay unknown — its provider could not say
   *                       whether it has it (asked again each minute) — before it becomes an incident at its task
   * @param shutdownGrace  how long a stopping node waits for calls in flight
   */
  public record Pipeline(
      @Min(1) @DefaultValue("64") int concurrency,
      @DefaultValue Map<String, @Min(1) Integer> providers,
      @Min(1) @DefaultValue("10000") int queueCapacity,
      @Min(1) @DefaultValue("2000") int unrecordedAnswers,
      @NotNull @DefaultValue("5s") Duration heartbeat,
      @NotNull @DefaultValue("20s") Duration deadAfter,
      @NotNull @DefaultValue("10m") Duration staleAfter,
      @NotNull @DefaultValue("30m") Duration unknownOutcomeTimeout,
      @NotNull @DefaultValue("10s") Duration shutdownGrace) {

    /** Calls in flight at once to this provider on each node; its HTTP client keeps as many connections. */
    public int concurrencyOf(String provider) {
      return providers.getOrDefault(provider, concurrency);
    }
  }

  /**
   * @param workers chunks of a launch's events each node applies at once (each event in its own transaction)
   * @param idle    how long a node's idle workers wait before looking for stored launches again
   */
  public record Launch(@Min(1) @DefaultValue("4") int workers, @DefaultValue("1s") Duration idle) {
  }

  /**
   * @param quietHours       {@code HH:MM-HH:MM} in the contact's local time, in which marketing sends are held
   *                         (may wrap midnight); unset: none
   * @param defaultTimeZone  the time zone of contacts without a {@code timezone}
   * @param frequencyCaps    per scope ({@code all} or a channel: {@code sms}, {@code whatsapp}, {@code rcs},
   *                         {@code email}, {@code push}): {@code <count>/<ISO-8601 duration>}, e.g. {@code 3/P1D};
   *                         marketing sends per contact across all journeys and nodes
   * @param pauseRecheck     how often a send held by an emergency stop is looked at again (it is released at once
   *                         when the stop is lifted on any node)
   * @param rateLimits       per provider ({@code twilio}, {@code smtp}, {@code fcm}, {@code webhook}):
   *                         {@code <count>/<duration>}, e.g. {@code 100/1s}; calls over all nodes, no window of that
   *                         duration ever holding more
   * @param rateLimitMargin  slack the rate limits keep for the time from a node's turn to the provider's receipt and
   *                         for clock differences between nodes
   * @param throttleBackoff  how long a provider pauses after a 429 without Retry-After; doubled while 429s follow
   * @param throttleMaxBackoff longest such pause
   * @param throttleRefresh  how often each node reads whether a provider is paused by another node's 429
   */
  public record Governor(
      String quietHours,
      @NotNull @DefaultValue("UTC") java.time.ZoneId defaultTimeZone,
      @DefaultValue Map<String, String> frequencyCaps,
      @NotNull @DefaultValue("1m") Duration pauseRecheck,
      @DefaultValue Map<String, String> rateLimits,
      @NotNull @DefaultValue("100ms") Duration rateLimitMargin,
      @NotNull @DefaultValue("1s") Duration throttleBackoff,
      @NotNull @DefaultValue("1m") Duration throttleMaxBackoff,
      @NotNull @DefaultValue("1s") Duration throttleRefresh) {
  }
}
