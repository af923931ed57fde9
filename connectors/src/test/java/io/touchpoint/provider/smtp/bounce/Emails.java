package io.touchpoint.provider.smtp.bounce;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Test emails under {@code src/test/resources/email/bounce/}: MTA output, delivery id filled in. */
final class Emails {

  private Emails() {
  }

  /** The raw message, {@code ${deliveryId}} (and {@code ${DELIVERYID}}) replaced. */
  static String text(String name, String deliveryId) {
    try (InputStream in = Emails.class.getResourceAsStream("/email/bounce/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test email " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replace("${deliveryId}", deliveryId)
          .replace("${DELIVERYID}", deliveryId.toUpperCase(Locale.ROOT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MimeMessage message(Session session, String name, String deliveryId)
      throws MessagingException {
    return parse(session, text(name, deliveryId));
  }

  static MimeMessage parse(Session session, String raw) throws MessagingException {
    byte[] bytes = raw.getBytes(StandardCharsets.US_ASCII);
    return new MimeMessage(session, new ByteArrayInputStream(bytes));
  }
}
