package io.touchpoint.provider.smtp.bounce;

import java.util.Objects;

/**
 * What one delivery status notification says about one email delivery.
 *
 * @param deliveryId the delivery the report is about, taken from the VERP address it came back
 *     to
 * @param kind whether the email bounced, is delayed, or was delivered
 * @param permanent {@code true} only for a hard bounce: {@code Action: failed} with a 5.x.x
 *     status. A failure with a 4.x.x status (e.g. 4.4.7, the sender's MTA gave up retrying) is
 *     final for this email but says nothing lasting about the address, so it is not permanent.
 * @param status the RFC 3463 status code, e.g. {@code 5.1.1}; {@code null} if the report had none
 * @param diagnostic the remote server's {@code Diagnostic-Code}, unfolded, whitespace collapsed, at
 *     most 1000 characters, e.g. {@code smtp; 550 5.1.1 <x@example.com>: User unknown}; may be
 *     {@code null}
 */
public record BounceReport(String deliveryId, Kind kind, boolean permanent, String status,
    String diagnostic) {

  /** The outcome the report announces. */
  public enum Kind {
    /** {@code Action: failed}: the email will not arrive. */
    BOUNCED,
    /** {@code Action: delayed}: still being retried; a later report may follow. */
    DELAYED,
    /**
     * {@code Action: delivered} (or {@code expanded}/{@code relayed}): a success notification,
     * only sent when the message asked for one.
     */
    DELIVERED
  }

  public BounceReport {
    Objects.requireNonNull(deliveryId, "deliveryId");
    Objects.requireNonNull(kind, "kind");
    if (permanent && kind != Kind.BOUNCED) {
      throw new IllegalArgumentException("only a bounce can be permanent, not " + kind);
    }
  }
}
