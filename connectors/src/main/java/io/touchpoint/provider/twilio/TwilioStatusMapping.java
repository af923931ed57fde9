package io.touchpoint.provider.twilio;

import io.touchpoint.delivery.DeliveryStatus;
import java.util.Optional;

/** Twilio's MessageStatus values in canonical terms; interim ones (queued, sending...) map to nothing. */
public final class TwilioStatusMapping {

  private TwilioStatusMapping() {
  }

  public static Optional<DeliveryStatus> canonical(String messageStatus) {
    if (messageStatus == null) {
      return Optional.empty();
    }
    return switch (messageStatus) {
      case "sent" -> Optional.of(DeliveryStatus.SENT);
      case "delivered" -> Optional.of(DeliveryStatus.DELIVERED);
      case "read" -> Optional.of(DeliveryStatus.READ);
      case "undelivered", "failed" -> Optional.of(DeliveryStatus.FAILED);
      default -> Optional.empty();
    };
  }
}
