package io.touchpoint.channel.email;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Input of the email channel task. Subject, HTML and text are rendered with FreeMarker over the
 * journey's variables; the HTML escapes the values it inserts, and HTML and text mark them as data
 * ({@link io.touchpoint.rendering.DataMarks}) until they are sent. Without a text part one is derived
 * from the HTML. Every link the author wrote is tracked, and an unsubscribe footer and one-click
 * List-Unsubscribe headers are added.
 * The element template is checked against this record in the test suite.
 *
 * @param template   a FreeMarker file in {@code touchpoint.email.templates-folder} rendered as the HTML body
 *                   (instead of {@code html})
 * @param from       sender; {@code touchpoint.email.from} when empty
 * @param ctaLabel   label of the call-to-action button (with {@code ctaUrl})
 * @param attachment a file name in {@code touchpoint.email.attachments-folder}, or an http(s) URL fetched at send time
 */
public record EmailMessage(
    @NotBlank @Email String to,
    @NotBlank @Size(max = 998) String subject,
    @Size(max = 200000) String html,
    @Size(max = 200) String template,
    @Size(max = 200000) String text,
    @Email String from,
    @Email String replyTo,
    @Size(max = 100) String ctaLabel,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String ctaUrl,
    @Size(max = 2000) String attachment) {

  @JsonIgnore
  @AssertTrue(message = "give an HTML body or a template file")
  public boolean isBodyGiven() {
    return html != null && !html.isBlank();
  }

  /** The same message with the HTML body a template rendered. */
  public EmailMessage withHtml(String renderedHtml) {
    return new EmailMessage(to, subject, renderedHtml, template, text, from, replyTo, ctaLabel, ctaUrl, attachment);
  }
}
