package io.touchpoint.delivery;

import static io.touchpoint.delivery.DeliveryStatus.BOUNCED;
import static io.touchpoint.delivery.DeliveryStatus.CLICKED;
import static io.touchpoint.delivery.DeliveryStatus.DELIVERED;
import static io.touchpoint.delivery.DeliveryStatus.FAILED;
import static io.touchpoint.delivery.DeliveryStatus.OPENED;
import static io.touchpoint.delivery.DeliveryStatus.READ;
import static io.touchpoint.delivery.DeliveryStatus.REPLIED;
import static io.touchpoint.delivery.DeliveryStatus.SENT;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A messaging channel and the statuses its providers can report back. */
public enum Channel {
  SMS(EnumSet.of(SENT, DELIVERED, FAILED, REPLIED)),
  WHATSAPP(EnumSet.of(SENT, DELIVERED, READ, FAILED, REPLIED)),
  RCS(EnumSet.of(SENT, DELIVERED, READ, FAILED, REPLIED)),
  EMAIL(EnumSet.of(SENT, DELIVERED, OPENED, CLICKED, BOUNCED, FAILED)),
  PUSH(EnumSet.of(SENT, DELIVERED, CLICKED, FAILED));

  private final Set<DeliveryStatus> reportableStatuses;

  Channel(Set<DeliveryStatus> reportableStatuses) {
    this.reportableStatuses = Collections.unmodifiableSet(EnumSet.copyOf(reportableStatuses));
  }

  public Set<DeliveryStatus> reportableStatuses() {
    return reportableStatuses;
  }

  public boolean canReport(DeliveryStatus status) {
    return reportableStatuses.contains(status);
  }

  /** The word used in BPMN ({@code touchpoint.channel}) and configuration: {@code sms}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> fromWireName(String name) {
    for (Channel channel : values()) {
      if (channel.wireName().equals(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
