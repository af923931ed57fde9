package io.touchpoint.channel.email;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import java.util.Locale;
import java.util.Map;

/** The email channel task's connector. */
public class EmailConnector implements ChannelConnector<EmailMessage> {

  private final EmailSender sender;
  private final EmailTemplates templates;

  public EmailConnector(EmailSender sender, EmailTemplates templates) {
    this.sender = sender;
    this.templates = templates;
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
  public void ensureConfigured() {
    sender.ensureConfigured();
  }

  @Override
  public String provider() {
    return sender.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, EmailMessage input) {
    return sender.send(delivery, input);
  }
}
