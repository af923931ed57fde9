/**
 * Reading bounces of the email channel.
 *
 * <p>Every email leaves with its own envelope sender ({@link
 * io.touchpoint.provider.smtp.bounce.VerpAddress VERP}), so a delivery status notification comes
 * back to an address that names the delivery it is about; nothing in the report text has to be
 * trusted or guessed. {@link io.touchpoint.provider.smtp.bounce.DeliveryStatusReports} turns one
 * RFC 3464 report into a {@link io.touchpoint.provider.smtp.bounce.BounceReport}, {@link
 * io.touchpoint.provider.smtp.bounce.BounceMailbox} polls the bounce mailbox over IMAP.
 */
package io.touchpoint.provider.smtp.bounce;
