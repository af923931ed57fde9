package io.touchpoint.provider.smtp;

import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.CallDeadline.CallTooLateException;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.delivery.SkipReason;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.EmailSender;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.OutboundEmail;
import io.touchpoint.provider.Reconciliation;
import io.touchpoint.provider.http.GuardedHttpClient.Limits;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.SsrfGuard.ForbiddenTargetException;
import io.touchpoint.provider.smtp.bounce.VerpAddress;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Email through an SMTP relay (Spring's {@code spring.mail.*}). The relay's acceptance is "sent";
 * the envelope sender is per message (VERP), so a bounce names the delivery it is about. A
 * permanent rejection (5xx) is a refusal; a relay that says it is busy or limiting (421, 4.7.x) throttles like a 429;
 * anything else is thrown for the job to retry.
 *
 * <p>An attachment named by URL is fetched through the {@link GuardedHttpClient}, as webhooks are called: an
 * internal address (the first or a redirect's) or an attachment over the size limit skips the email with the
 * reason; an unreachable server or an error answer is thrown for the job to retry.
 *
 * <p>Each acceptance is written to the {@link SmtpAcceptanceLog} as the relay answers, so a send whose node died
 * before recording it is reconciled from there; only one the log does not know is mailed again, with the same
 * Message-ID (receiving systems treat it as the same message).
 *
 * <p>The call's deadline ({@link CallDeadline}) is checked again once the relay's connection is open, right before
 * the message is handed over: a node held up past it may have been presumed dead and its send mailed by another.
 */
public class SmtpEmailSender implements EmailSender {

  /** How long fetching an attachment may take, redirects included. */
  private static final Duration ATTACHMENT_TIMEOUT = Duration.ofSeconds(30);
  /** Redirects followed when fetching an attachment (each hop is checked by the SSRF guard). */
  private static final int ATTACHMENT_REDIRECTS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(SmtpEmailSender.class);

  /** Where email comes from and where its bounces go. */
  public record Settings(String from, String bounceAddress, Path attachmentsFolder, long maxAttachmentBytes) {
  }

  private final JavaMailSenderImpl mail;
  private final Settings settings;
  private final GuardedHttpClient http;
  private final SmtpAcceptanceLog acceptances;
  private final CallDeadline lastCheck;

  public SmtpEmailSender(JavaMailSenderImpl mail, Settings settings, GuardedHttpClient http,
      SmtpAcceptanceLog acceptances, CallDeadline lastCheck) {
    this.mail = mail;
    this.settings = settings;
    this.http = http;
    this.acceptances = acceptances;
    this.lastCheck = lastCheck;
  }

  @Override
  public String name() {
    return "smtp";
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundEmail message) {
    String messageId = "<" + delivery.id() + "@touchpoint>";
    try {
      mail.send(compose(delivery, message, messageId));
      logAcceptance(delivery, messageId);
      return new SendOutcome.Accepted(messageId, DeliveryStatus.SENT);
    } catch (UnsendableAttachment unsendable) {
      return new SendOutcome.Skipped(SkipReason.INVALID_INPUT, unsendable.getMessage());
    } catch (MailSendException failed) {
      CallTooLateException tooLate = tooLate(failed);
      if (tooLate != null) {
        throw tooLate;
      }
      Integer code = smtpCode(failed);
      if (code != null && code >= 500) {
        return new SendOutcome.Rejected("smtp-" + code, failed.getMessage());
      }
      if (code != null && (code == 421 || failed.getMessage() != null && failed.getMessage().contains(" 4.7."))) {
        // "421 too many connections", "451 4.7.x rate limited": SMTP's 429, with no time named
        throw new ProviderThrottledException(name(), null);
      }
      throw failed;
    } catch (MessagingException composing) {
      throw new IllegalStateException(ErrorCode.EMAIL_001 + " could not build the message: " + composing.getMessage(),
          composing);
    }
  }

  @Override
  public Reconciliation reconcile(LostAttempt attempt) {
    return acceptances.messageIdOf(attempt.delivery().id())
        .<Reconciliation>map(Reconciliation.Sent::new)
        .orElseGet(() -> new Reconciliation.SendAgain("the relay's acceptance was not recorded"));
  }

  /** The mail is out: a failing log must not turn it into a failed send that would be mailed again. */
  private void logAcceptance(Delivery delivery, String messageId) {
    try {
      acceptances.accepted(delivery.id(), messageId);
    } catch (RuntimeException notLogged) {
      LOG.warn(ErrorCode.EMAIL_004 + " the relay accepted {} but its acceptance could not be logged: {}",
          messageId, notLogged.getMessage());
    }
  }

  private SMTPMessage compose(Delivery delivery, OutboundEmail message, String messageId) throws MessagingException {
    SMTPMessage mime = new SMTPMessage(mail.getSession()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // our id, so a reply or report can name the delivery
        setHeader("Message-ID", messageId);
      }

      @Override
      public void saveChanges() throws MessagingException {
        // Spring's sender saves the message once the relay's connection is open, right before handing it over
        lastCheck.checkStillInTime();
        super.saveChanges();
      }
    };
    if (settings.bounceAddress() != null) {
      mime.setEnvelopeFrom(VerpAddress.of(settings.bounceAddress(), delivery.id()));
      // success and failure reports come back to the VERP address (sent only if the relay offers DSN)
      mime.setNotifyOptions(SMTPMessage.NOTIFY_SUCCESS | SMTPMessage.NOTIFY_FAILURE | SMTPMessage.NOTIFY_DELAY);
      mime.setReturnOption(SMTPMessage.RETURN_HDRS);
    }
    MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
    helper.setFrom(message.from() != null ? message.from() : settings.from());
    helper.setTo(message.to());
    if (message.replyTo() != null) {
      helper.setReplyTo(message.replyTo());
    }
    helper.setSubject(message.subject());
    helper.setText(message.text(), message.html());
    if (message.attachment() != null) {
      Attachment attachment = attachment(message.attachment());
      helper.addAttachment(attachment.name(), new ByteArrayResource(attachment.bytes()));
    }
    mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
    mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    return mime;
  }

  private record Attachment(String name, byte[] bytes) {
  }

  private Attachment attachment(String reference) {
    if (reference.startsWith("http://") || reference.startsWith("https://")) {
      return fetch(url(reference));
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

  private static URI url(String reference) {
    try {
      URI url = new URI(reference);
      if (url.getHost() == null || url.getUserInfo() != null) {
        throw invalid("attachment '" + reference + "' is not an http(s) URL with a host and no user info");
      }
      return url;
    } catch (URISyntaxException unreadable) {
      throw invalid("attachment '" + reference + "' is not a valid URL: " + unreadable.getReason());
    }
  }

  private Attachment fetch(URI url) {
    GuardedHttpClient.Response response;
    try {
      response = http.call("GET", url, List.of(), null,
          new Limits(ATTACHMENT_TIMEOUT, ATTACHMENT_REDIRECTS, settings.maxAttachmentBytes()));
    } catch (IOException unreachable) {
      ForbiddenTargetException forbidden = ForbiddenTargetException.causing(unreachable).orElse(null);
      if (forbidden != null) {
        LOG.warn(ErrorCode.EMAIL_003 + " attachment {} refused: {}", url, forbidden.getMessage());
        throw invalid("attachment " + url + " refused: " + forbidden.getMessage());
      }
      throw new UncheckedIOException("attachment " + url + " could not be fetched", unreachable);
    }
    if (response.status() >= 300) {
      throw new UncheckedIOException(new IOException("attachment " + url + " answered HTTP " + response.status()));
    }
    if (response.cut()) {
      throw invalid("attachment " + url + " is larger than " + settings.maxAttachmentBytes() + " bytes");
    }
    String path = url.getPath();
    String name = path == null || path.isEmpty() || path.endsWith("/") ? "attachment"
        : path.substring(path.lastIndexOf('/') + 1);
    return new Attachment(name, response.body());
  }

  private static UnsendableAttachment invalid(String problem) {
    return new UnsendableAttachment(problem);
  }

  /** An attachment that no retry makes sendable (not in the folder, too large, an internal address). */
  private static final class UnsendableAttachment extends RuntimeException {

    UnsendableAttachment(String problem) {
      super(problem);
    }
  }

  /** The message was not handed over: its call's deadline had passed once the connection was open. */
  private static CallTooLateException tooLate(MailSendException failed) {
    return failed.getFailedMessages().values().stream()
        .map(exception -> ExceptionUtils.throwableOfType(exception, CallTooLateException.class))
        .filter(Objects::nonNull).findFirst().orElse(null);
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
