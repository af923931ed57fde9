package io.touchpoint.correlation;

import io.touchpoint.delivery.DeliveryStatus;
import java.util.Optional;

/**
 * Names that tie a status catch event to one delivery. A send stores its delivery id in a
 * process variable named after the channel task; the catch event's message name expression
 * reads it when the subscription is created, so the subscription waits for THAT delivery only.
 */
public final class StatusMessages {

  private static final String PREFIX = "touchpoint:";

  private StatusMessages() {
  }

  /** The process variable holding the delivery id of the latest send of a channel task. */
  public static String deliveryVariable(String channelTaskId) {
    return "touchpoint.delivery." + channelTaskId;
  }

  /** The message a status of one delivery is correlated with, e.g. {@code touchpoint:42:read}. */
  public static String messageName(String deliveryId, DeliveryStatus status) {
    return PREFIX + deliveryId + ":" + status.wireName();
  }

  /** The delivery a status message is about ({@code touchpoint:42:read} → 42); empty for other messages. */
  public static Optional<String> deliveryOf(String messageName) {
    if (messageName == null || !messageName.startsWith(PREFIX) || messageName.startsWith(PREFIX + "event:")) {
      return Optional.empty();
    }
    int status = messageName.lastIndexOf(':');
    return status > PREFIX.length() ? Optional.of(messageName.substring(PREFIX.length(), status)) : Optional.empty();
  }

  /** The subscription's message name expression for a status catch after a channel task. */
  public static String messageNameExpression(String channelTaskId, DeliveryStatus status) {
    return PREFIX + "${execution.getVariable('" + deliveryVariable(channelTaskId) + "')}:"
        + status.wireName();
  }

  /** The message a business event for one contact is correlated with. */
  public static String businessEventMessageName(String eventName, String contactId) {
    return PREFIX + "event:" + eventName + ":" + contactId;
  }

  /** Subscription expression of a business event catch: the journey's contact is its business key. */
  public static String businessEventMessageNameExpression(String eventName) {
    return PREFIX + "event:" + eventName + ":${execution.processBusinessKey}";
  }
}
