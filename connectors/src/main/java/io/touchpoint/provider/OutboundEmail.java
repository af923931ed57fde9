package io.touchpoint.provider;


/**
 * An email as a sender takes it: composed by the email channel — every link the author wrote tracked, the
 * call-to-action button, the unsubscribe footer and the open pixel in place.
 *
 * @param from           the sender; null for the relay's configured one
 * @param unsubscribeUrl the one-click unsubscribe link ({@code List-Unsubscribe}, RFC 8058)
 * @param attachment     a file name in the attachments folder or an http(s) URL; null for none
 */
public record OutboundEmail(String from, String to, String replyTo, String subject, String html, String text,
    String unsubscribeUrl, String attachment) {
}
