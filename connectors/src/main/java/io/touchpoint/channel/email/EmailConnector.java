package io.touchpoint.channel.email;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.EmailSender;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.OutboundEmail;
import io.touchpoint.provider.Reconciliation;
import io.touchpoint.tracking.TrackingLinks;
import java.util.Locale;
import java.util.Map;

/**
 * The email channel task's connector: composes the email — links tracked, button, unsubscribe footer and
 * header, open pixel — and hands it to the sender. A lost answer is looked up in the sender's record of what
 * the relay accepted; only what it does not know is sent again, with the same Message-ID (the delivery's).
 */
public class EmailConnector implements ChannelConnector<EmailMessage> {

  private final EmailSender sender;
  private final EmailTemplates templates;
  private final TrackingLinks links;

  public EmailConnector(EmailSender sender, EmailTemplates templates, TrackingLinks links) {
    this.sender = sender;
    this.templates = templates;
    this.links = links;
  }

  /** A named template file becomes the HTML body, rendered with the journey's variables. */
  @Override
  public EmailMessage prepare(EmailMessage input, Map<String, Object> variables) {
    if (input.template() == null || input.template().isBlank()) {
      return input;
    }
    return input.withHtml(templates.render(input.template().trim(), variables));
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Class<EmailMessage> inputType() {
    return EmailMessage.class;
  }

  /** Addresses compare case-insensitively, so consent and replies find each other. */
  @Override
  public String recipient(EmailMessage input) {
    return input.to().trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public Reconciliation reconcile(LostAttempt attempt, EmailMessage input) {
    return sender.reconcile(attempt);
  }

  @Override
  public void ensureConfigured() {
    sender.ensureConfigured();
  }

  @Override
  public String provider() {
    return sender.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, EmailMessage input) {
    return sender.send(delivery, new OutboundEmail(blankToNull(input.from()), input.to(), blankToNull(input.replyTo()),
        input.subject(), EmailContent.html(input, delivery.id(), links), EmailContent.text(input, delivery.id(), links),
        links.unsubscribe(delivery.id()), blankToNull(input.attachment())));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
