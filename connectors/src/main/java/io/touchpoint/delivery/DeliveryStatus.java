package io.touchpoint.delivery;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical delivery statuses, the same words for every channel. A status implies the ones it
 * can only follow ("read" means the message was delivered and sent), so a ledger that learns
 * of "read" first still answers "delivered" correctly.
 */
public enum DeliveryStatus {
  SENT,
  DELIVERED(SENT),
  READ(DELIVERED),
  REPLIED(DELIVERED),
  OPENED(DELIVERED),
  CLICKED(OPENED),
  BOUNCED,
  FAILED,
  /** Not sent: the send governor would have held it longer than its task allows. */
  SUPPRESSED;

  private final DeliveryStatus implied;

  DeliveryStatus() {
    this(null);
  }

  DeliveryStatus(DeliveryStatus implied) {
    this.implied = implied;
  }

  /** This status and every status it implies, in the order they happened. */
  public Set<DeliveryStatus> withImplied() {
    EnumSet<DeliveryStatus> all = EnumSet.of(this);
    for (DeliveryStatus s = implied; s != null; s = s.implied) {
      all.add(s);
    }
    return all;
  }

  /** The word used in BPMN, message names and the API: {@code delivered}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromWireName(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
