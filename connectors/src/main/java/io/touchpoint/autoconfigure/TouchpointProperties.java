package io.touchpoint.autoconfigure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Touchpoint's settings ({@code touchpoint.*}).
 *
 * @param publicBaseUrl URL at which providers reach this installation; callback URLs and signatures are built on it
 * @param api           the event API
 * @param twilio        Twilio account used for SMS; without credentials SMS runs on the simulator
 * @param simulator     how the built-in simulator behaves for channels without a live provider
 * @param correlation   status correlation housekeeping
 */
@Validated
@ConfigurationProperties("touchpoint")
public record TouchpointProperties(
    @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl,
    @Valid @DefaultValue Api api,
    @Valid @DefaultValue Twilio twilio,
    @Valid @DefaultValue Simulator simulator,
    @Valid @DefaultValue Correlation correlation) {

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

    public boolean hasCredentials() {
      return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank();
    }

    @Override
    public String toString() {
      return "Twilio[accountSid=" + accountSid + ", authToken=" + (authToken == null ? "none" : "******")
          + ", apiBaseUrl=" + apiBaseUrl + ", smsFrom=" + smsFrom + ", whatsappFrom=" + whatsappFrom
          + ", rcsFrom=" + rcsFrom + ", messagingServiceSid=" + messagingServiceSid + "]";
    }
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
}
