package io.touchpoint.delivery;

import static io.touchpoint.delivery.DeliveryStatus.BOUNCED;
import static io.touchpoint.delivery.DeliveryStatus.CLICKED;
import static io.touchpoint.delivery.DeliveryStatus.DELIVERED;
import static io.touchpoint.delivery.DeliveryStatus.FAILED;
import static io.touchpoint.delivery.DeliveryStatus.OPENED;
import static io.touchpoint.delivery.DeliveryStatus.READ;
import static io.touchpoint.delivery.DeliveryStatus.REPLIED;
import static io.touchpoint.delivery.DeliveryStatus.SENT;
import static io.touchpoint.delivery.DeliveryStatus.SUPPRESSED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The channels Touchpoint sends on — the one list everything else derives from: which provider serves a channel
 * and what it must be configured with, which statuses the channel reports (the status templates' choices, what
 * the deployment accepts), how its addresses are written (callback routing), its element templates and the counts
 * analytics reports for its steps.
 */
public enum Channel {
  SMS(Provider.TWILIO, "", EnumSet.of(SENT, DELIVERED, FAILED, REPLIED, SUPPRESSED), "sent", "delivered", "failed"),
  WHATSAPP(Provider.TWILIO, "whatsapp:", EnumSet.of(SENT, DELIVERED, READ, FAILED, REPLIED, SUPPRESSED),
      "sent", "delivered", "read", "replied", "failed"),
  /** {@code smsFallback}: delivered as an SMS because the phone could not take RCS. */
  RCS(Provider.TWILIO, "rcs:", EnumSet.of(SENT, DELIVERED, READ, FAILED, REPLIED, SUPPRESSED),
      "sent", "delivered", "failed", "smsFallback"),
  /** {@code opened} leaves out image-proxy opens unless analytics is asked to count machine opens. */
  EMAIL(Provider.SMTP, "", EnumSet.of(SENT, DELIVERED, OPENED, CLICKED, BOUNCED, FAILED, SUPPRESSED),
      "sent", "delivered", "opened", "clicked", "bounced", "unsubscribed"),
  PUSH(Provider.FCM, "", EnumSet.of(SENT, DELIVERED, CLICKED, FAILED, SUPPRESSED), "sent", "delivered", "clicked",
      "failed"),
  /** A call to another system; its outcome steers the journey through variables, not statuses. */
  WEBHOOK(Provider.WEBHOOK, "", EnumSet.noneOf(DeliveryStatus.class), "calls", "successes", "errors");

  private final Provider provider;
  private final String addressPrefix;
  private final Set<DeliveryStatus> reportableStatuses;
  private final List<String> analyticsCounts;

  Channel(Provider provider, String addressPrefix, Set<DeliveryStatus> reportableStatuses, String... analyticsCounts) {
    this.provider = provider;
    this.addressPrefix = addressPrefix;
    this.reportableStatuses = Collections.unmodifiableSet(reportableStatuses);
    this.analyticsCounts = counted(reportableStatuses.contains(SUPPRESSED), analyticsCounts);
  }

  /**
   * A channel the send governor can suppress counts what it suppressed, in all and per reason; every channel counts
   * the sends a journey version in shadow mode recorded instead of making them.
   */
  private static List<String> counted(boolean suppressible, String... counts) {
    List<String> all = new ArrayList<>(List.of(counts));
    if (suppressible) {
      all.addAll(List.of("suppressed", "suppressedQuietHours", "suppressedFrequencyCap", "suppressedPaused"));
    }
    all.add("shadow");
    return List.copyOf(all);
  }

  /** The provider that carries this channel's messages when configured. */
  public Provider provider() {
    return provider;
  }

  /** What the channel needs configured to reach its provider (the sender is per channel). */
  public List<Provider.Setting> settings() {
    List<Provider.Setting> settings = new ArrayList<>(provider.settings());
    if (provider == Provider.TWILIO) {
      settings.add(Provider.Setting.of("touchpoint.twilio." + wireName() + "-from",
          "touchpoint.twilio.messaging-service-sid"));
    }
    return settings;
  }

  public Set<DeliveryStatus> reportableStatuses() {
    return reportableStatuses;
  }

  public boolean canReport(DeliveryStatus status) {
    return reportableStatuses.contains(status);
  }

  /** The counts analytics reports per step of this channel, in their order (CSV columns). */
  public List<String> analyticsCounts() {
    return analyticsCounts;
  }

  /** Whether the channel has a status template ("SMS delivery status"...): it reports statuses. */
  public boolean reportsStatuses() {
    return !reportableStatuses.isEmpty();
  }

  /** The id of the channel task's element template, e.g. {@code io.touchpoint.sms}. */
  public String taskTemplateId() {
    return "io.touchpoint." + wireName();
  }

  /** The id of the channel's status template, e.g. {@code io.touchpoint.status.sms}. */
  public String statusTemplateId() {
    return "io.touchpoint.status." + wireName();
  }

  /** The word used in BPMN ({@code touchpoint.channel}) and configuration: {@code sms}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** An address written as this channel's (Twilio's {@code whatsapp:+1...}); phone numbers alone are SMS. */
  public String address(String number) {
    return number.startsWith(addressPrefix) ? number : addressPrefix + number;
  }

  /** The phone number an address is written for ({@code whatsapp:+1...} is {@code +1...}): {@link #address} undone. */
  public static String numberOf(String address) {
    return address.substring(ofAddress(address).addressPrefix.length());
  }

  public static Optional<Channel> fromWireName(String name) {
    for (Channel channel : values()) {
      if (channel.wireName().equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }

  /** The phone-number channel an address is written for: {@code whatsapp:+1...} is WhatsApp, a bare number SMS. */
  public static Channel ofAddress(String address) {
    for (Channel channel : values()) {
      if (!channel.addressPrefix.isEmpty() && address.startsWith(channel.addressPrefix)) {
        return channel;
      }
    }
    return SMS;
  }
}
