package io.touchpoint.channel.email;

import io.touchpoint.channel.InvalidChannelInputException;
import io.touchpoint.channel.email.bounce.VerpAddress;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.tracking.TrackingLinks;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through an SMTP relay (Spring's {@code spring.mail.*}). The relay's acceptance is "sent";
 * the envelope sender is per message (VERP), so a bounce names the delivery it is about. A
 * permanent rejection (5xx) is a refusal; anything else is thrown for the job to retry.
 */
public class SmtpEmailSender implements EmailSender {

  /** Where email comes from and where its bounces go. */
  public record Settings(String from, String bounceAddress, Path attachmentsFolder, long maxAttachmentBytes) {
  }

  private final JavaMailSenderImpl mail;
  private final Settings settings;
  private final TrackingLinks links;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  public SmtpEmailSender(JavaMailSenderImpl mail, Settings settings, TrackingLinks links) {
    this.mail = mail;
    this.settings = settings;
    this.links = links;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public SendOutcome send(Delivery delivery, EmailMessage message) {
    String messageId = "<" + delivery.id() + "@touchpoint>";
    try {
      mail.send(compose(delivery, message, messageId));
      return new SendOutcome.Accepted(messageId, DeliveryStatus.SENT);
    } catch (MailSendException failed) {
      Integer code = smtpCode(failed);
      if (code != null && code >= 500) {
        return new SendOutcome.Rejected("smtp-" + code, failed.getMessage());
      }
      throw failed;
    } catch (MessagingException composing) {
      throw new IllegalStateException("TOUCHPOINT-EMAIL-001 could not build the message: " + composing.getMessage(),
          composing);
    }
  }

  private SMTPMessage compose(Delivery delivery, EmailMessage message, String messageId) throws MessagingException {
    SMTPMessage mime = new SMTPMessage(mail.getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // our id, so a reply or report can name the delivery
        setHeader("Message-ID", messageId);
      }
    };
    if (settings.bounceAddress() != null) {
      mime.setEnvelopeFrom(VerpAddress.of(settings.bounceAddress(), delivery.id()));
      // success and failure reports come back to the VERP address (sent only if the relay offers DSN)
      mime.setNotifyOptions(SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY);
      mime.setReturnOption(SMTPMessage.RETURN_HDRS);
    }
    MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
    helper.setFrom(message.from() != null && !message.from().isBlank() ? message.from() : settings.from());
    helper.setTo(message.to());
    if (message.replyTo() != null && !message.replyTo().isBlank()) {
      helper.setReplyTo(message.replyTo());
    }
    helper.setSubject(message.subject());
    helper.setText(EmailContent.text(message, delivery.id(), links), EmailContent.html(message, delivery.id(), links));
    if (message.attachment() != null && !message.attachment().isBlank()) {
      Attachment attachment = attachment(message.attachment().trim());
      helper.addAttachment(attachment.name(), new ByteArrayResource(attachment.bytes()));
    }
    String unsubscribe = links.unsubscribe(delivery.id());
    mime.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
    mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return mime;
  }

  private record Attachment(String name, byte[] bytes) {
  }

  private Attachment attachment(String reference) {
    if (reference.startsWith("http://") || reference.startsWith("https://")) {
      return fetch(URI.create(reference));
    }
    if (settings.attachmentsFolder() == null) {
      throw invalid("attachment '" + reference + "' names a file, but touchpoint.email.attachments-folder is not set");
    }
    Path folder = settings.attachmentsFolder().toAbsolutePath().normalize();
    Path file = folder.resolve(reference).normalize();
    if (!file.startsWith(folder) || !Files.isRegularFile(file)) {
      throw invalid("attachment '" + reference + "' is not a file in the attachments folder");
    }
    try {
      if (Files.size(file) > settings.maxAttachmentBytes()) {
        throw invalid("attachment '" + reference + "' is larger than " + settings.maxAttachmentBytes() + " bytes");
      }
      return new Attachment(file.getFileName().toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Attachment fetch(URI url) {
    try {
      HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET()
          .build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() >= 400) {
          throw new IOException("attachment " + url + " answered HTTP " + response.statusCode());
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, settings.maxAttachmentBytes() + 1));
        if (bytes.length > settings.maxAttachmentBytes()) {
          throw invalid("attachment " + url + " is larger than " + settings.maxAttachmentBytes() + " bytes");
        }
        String path = url.getPath();
        String name = path == null || path.endsWith("/") ? "attachment" : path.substring(path.lastIndexOf('/') + 1);
        return new Attachment(name, bytes);
      }
    } catch (IOException unreachable) {
      throw new UncheckedIOException(unreachable);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static InvalidChannelInputException invalid(String problem) {
    return new InvalidChannelInputException(List.of(problem));
  }

  private static Integer smtpCode(MailSendException failed) {
    for (Exception exception : failed.getFailedMessages().values()) {
      for (Throwable t = exception; t != null; t = t instanceof MessagingException m && m.getNextException() != null
          ? m.getNextException() : t.getCause()) {
        if (t instanceof SMTPAddressFailedException address) {
          return address.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException send) {
          return send.getReturnCode();
        }
      }
    }
    return null;
  }
}
