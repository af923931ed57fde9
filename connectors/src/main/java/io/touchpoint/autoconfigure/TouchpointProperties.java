package io.touchpoint.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
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
 * @param publicBaseUrl URL at which providers reach this installation; callback URLs and signatures are built on it
 * @param api           the event API
 * @param twilio        Twilio account used for SMS; without credentials SMS runs on the simulator
 * @param fcm           Firebase Cloud Messaging for push; without a project and credentials push is simulated
 * @param email         the email channel (the SMTP relay itself is {@code spring.mail.*})
 * @param tracking      signed tracking links (email opens, clicks, unsubscribe)
 * @param webhook       the webhook task
 * @param simulator     how the built-in simulator behaves for channels without a live provider
 * @param correlation   status correlation housekeeping
 * @param pipeline      the send pipeline: how many provider calls run at once, failover of a dead node's sends
 */
@Validated
@ConfigurationProperties("touchpoint")
public record TouchpointProperties(
    @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
    @Valid @DefaultValue Api api,
    @Valid @DefaultValue Twilio twilio,
    @Valid @DefaultValue Fcm fcm,
    @Valid @DefaultValue Email email,
    @Valid @DefaultValue Tracking tracking,
    @Valid @DefaultValue Webhook webhook,
    @Valid @DefaultValue Simulator simulator,
    @Valid @DefaultValue Correlation correlation,
    @Valid @DefaultValue Pipeline pipeline) {

  /**
   * @param keys API keys accepted as {@code Authorization: Bearer <key>} on {@code /api/**}; none means no access
   */
  public record Api(@DefaultValue List<String> keys) {

    @Override
    public String toString() {
      return "Api[keys=" + keys.size() + " configured]";
    }
  }

  /**
   * @param accountSid          Twilio account SID (AC...)
   * @param authToken           Twilio auth token; also verifies the signatures of Twilio's callbacks
   * @param apiBaseUrl          base URL of Twilio's REST API; point it at a local fake in tests
   * @param smsFrom             sender phone number for SMS, E.164; without it (or a messaging service) SMS is simulated
   * @param whatsappFrom        WhatsApp sender, {@code whatsapp:+1...}; without it (or a messaging service) WhatsApp is simulated
   * @param rcsFrom             RCS sender ({@code rcs:<agent>}), RCS only; SMS fallback needs a messaging service with
   *                            RCS and SMS senders; without either RCS is simulated
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
   * @param secret key that signs tracking links; set the same value on every node. Without one, a
   *               random key is used and links sent before a restart stop working
   */
  public record Tracking(String secret) {

    @Override
    public String toString() {
      return "Tracking[secret=" + (secret == null ? "none" : "******") + "]";
    }
  }

  /**
   * @param allowedHosts hosts (names or addresses) webhooks may call although they are private,
   *                     loopback or link-local; every other such target is refused (SSRF guard)
   */
  public record Webhook(@DefaultValue List<String> allowedHosts) {
  }

  /**
   * @param sentAfter      delay before a simulated message reports "sent"
   * @param deliveredAfter delay before it reports "delivered" or "failed"
   * @param readAfter      delay before a delivered message is reported "read" (channels that report reads)
   * @param failureRate    share of simulated messages that fail (0 to 1)
   * @param readRate       share of delivered messages that are read, where the channel reports reads (0 to 1)
   * @param replyRate      share of delivered (or, where reads are reported, read) messages that get a reply (0 to 1)
   * @param replyAfter     delay before a simulated reply arrives
   */
  public record Simulator(
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
   */
  public record Correlation(@DefaultValue("10s") Duration sweepInterval) {
  }

  /**
   * @param concurrency    provider calls in flight at once per provider on each node, unless set per provider
   * @param providers      calls in flight per provider name ({@code twilio}, {@code smtp}, {@code fcm},
   *                       {@code webhook}, {@code simulator}), overriding {@code concurrency}
   * @param queueCapacity  sends a provider's queue holds in memory per node; beyond, they wait in the ledger
   * @param heartbeat      how often each node records that it is alive and looks for sends to take over
   * @param deadAfter      how long a node may miss heartbeats before a live node takes over its sends
   * @param staleAfter     how long a call may go unanswered before this node reconciles it with its provider
   * @param shutdownGrace  how long a stopping node waits for calls in flight
   */
  public record Pipeline(
      @Min(1) @DefaultValue("64") int concurrency,
      @DefaultValue Map<String, @Min(1) Integer> providers,
      @Min(1) @DefaultValue("10000") int queueCapacity,
      @DefaultValue("5s") Duration heartbeat,
      @DefaultValue("20s") Duration deadAfter,
      @DefaultValue("10m") Duration staleAfter,
      @DefaultValue("10s") Duration shutdownGrace) {
  }
}
