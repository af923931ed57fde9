package io.touchpoint.channel.email;

import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import java.util.Locale;

/** The email channel task's connector. */
public class EmailConnector implements ChannelConnector<EmailMessage> {

  private final EmailSender sender;

  public EmailConnector(EmailSender sender) {
    this.sender = sender;
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
  public String provider() {
    return sender.name();
  }

  @Override
  public SendOutcome send(Delivery delivery, EmailMessage input) {
    return sender.send(delivery, input);
  }
}
