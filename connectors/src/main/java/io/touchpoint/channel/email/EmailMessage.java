package io.touchpoint.channel.email;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Input of the email channel task. Subject, HTML and text are rendered with FreeMarker over the
 * journey's variables; without a text part one is derived from the HTML. Every link is tracked,
 * and an unsubscribe footer and one-click List-Unsubscribe headers are added.
 * The element template is checked against this record in the test suite.
 *
 * @param from       sender; {@code touchpoint.email.from} when empty
 * @param ctaLabel   label of the call-to-action button (with {@code ctaUrl})
 * @param attachment a file name in {@code touchpoint.email.attachments-folder}, or an http(s) URL fetched at send time
 */
public record EmailMessage(
    @NotBlank @Email String to,
    @NotBlank @Size(max = 998) String subject,
    @NotBlank @Size(max = 200000) String html,
    @Size(max = 200000) String text,
    @Email String from,
    @Email String replyTo,
    @Size(max = 100) String ctaLabel,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String ctaUrl,
    @Size(max = 2000) String attachment) {
}
