package io.touchpoint.provider.smtp.bounce;

import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.smtp.bounce.BounceReport.Kind;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one delivery status notification (RFC 3464: {@code multipart/report;
 * report-type=delivery-status}) into a {@link BounceReport}.
 *
 * <p>The delivery is identified only by the {@link VerpAddress VERP address} the report came back
 * to, never by {@code Final-Recipient}: the recipient address may have been rewritten by
 * forwarding and is shared by every email to that person, while the VERP address names exactly
 * one delivery. That address is looked for in the report's own {@code Delivered-To}, {@code
 * X-Original-To} and {@code To} headers (set by the bounce mailbox's server, resp. by the
 * reporting MTA) and in the {@code Return-Path} of the returned original ({@code
 * text/rfc822-headers} or {@code message/rfc822}), because MTAs differ in which of these they
 * keep.
 *
 * <p>The report's parts are walked by MIME type instead of relying on the positions {@link
 * MultipartReport} expects, and the status part is parsed with Angus' {@link DeliveryStatus} from
 * a fully buffered copy: {@code DeliveryStatus} stops at the first {@code available() == 0},
 * which an IMAP or transfer-decoding stream may report in the middle of the part. This also keeps
 * the reader independent of whether the {@code dsn} content handlers were registered through
 * {@code META-INF/mailcap} in the running class loader.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeliveryStatusReports {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatusReports.class);

  /** RFC 3463 status code, e.g. {@code 5.1.1}, possibly followed by a comment. */
  private static final Pattern STATUS = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private static final int MAX_DIAGNOSTIC = 1000;

  /** A status part is a few hundred bytes per recipient; anything huge is not a real report. */
  private static final int MAX_STATUS_BYTES = 256 * 1024;

  /** Headers of the report itself that may carry the address it was delivered to. */
  private static final List<String> DELIVERED_TO_HEADERS =
      List.of("Delivered-To", "X-Original-To", "To");

  private final String bounceAddress;

  /**
   * @param bounceAddress the configured bounce mailbox ({@code touchpoint.email.bounce-address}),
   *     e.g. {@code bounces@touchpoint.test}
   * @throws IllegalArgumentException if it is not a plain {@code local@domain} address
   */
  public DeliveryStatusReports(String bounceAddress) {
    VerpAddress.deliveryIdOf(bounceAddress, null); // validates the bounce address
    this.bounceAddress = bounceAddress;
  }

  /**
   * Reads a message as a delivery status notification.
   *
   * @return the report, or empty if the message is not a DSN (an auto-reply, a feedback or read
   *     report, spam, ...), has no usable per-recipient block, or was not sent back to a VERP
   *     address of this bounce mailbox
   * @throws MessagingException if the message cannot be read or its structure is broken
   * @throws IOException if its content cannot be read
   */
  public Optional<BounceReport> read(Message message) throws MessagingException, IOException {
    if (!isDeliveryStatusReport(message)) {
      return Optional.empty();
    }
    Multipart parts = multipart(message);
    DeliveryStatus status = null;
    String[] originalReturnPath = null;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (status == null && (part.isMimeType("message/delivery-status")
          || part.isMimeType("message/global-delivery-status"))) {
        status = new DeliveryStatus(new ByteArrayInputStream(bytes(part)));
      } else if (originalReturnPath == null && isOriginal(part)) {
        originalReturnPath = returnPath(part);
      }
    }
    if (status == null) {
      return Optional.empty();
    }
    Optional<String> deliveryId = deliveryId(message, originalReturnPath);
    if (deliveryId.isEmpty()) {
      LOG.info(ErrorCode.BOUNCE_001 + " delivery status notification {} was not sent back to a VERP "
          + "address of {}; ignored", messageId(message), bounceAddress);
      return Optional.empty();
    }
    Optional<BounceReport> report = mostSevere(deliveryId.get(), status);
    if (report.isEmpty()) {
      LOG.info(ErrorCode.BOUNCE_003 + " delivery status notification {} for delivery {} has no "
          + "recipient with an action or status; ignored", messageId(message), deliveryId.get());
    }
    return report;
  }

  private static boolean isDeliveryStatusReport(Message message) throws MessagingException {
    if (!message.isMimeType("multipart/report")) {
      return false;
    }
    String reportType = new ContentType(message.getContentType()).getParameter("report-type");
    // report-type is required (RFC 6522); a report without it is still read if it has a status part
    return reportType == null || "delivery-status".equalsIgnoreCase(reportType.strip());
  }

  private static Multipart multipart(Message message) throws MessagingException, IOException {
    Object content = message.getContent();
    if (content instanceof Multipart multipart) {
      return multipart; // a MultipartReport when Angus' dsn mailcap is active
    }
    return new MimeMultipart(message.getDataHandler().getDataSource());
  }

  private static byte[] bytes(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_STATUS_BYTES + 1);
      if (bytes.length > MAX_STATUS_BYTES) {
        throw new MessagingException("delivery-status part larger than " + MAX_STATUS_BYTES
            + " bytes");
      }
      return bytes;
    }
  }

  private static boolean isOriginal(Part part) throws MessagingException {
    return part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")
        || part.isMimeType("message/global-headers") || part.isMimeType("message/global");
  }

  /**
   * The returned original's {@code Return-Path}. An embedded message is asked for its headers
   * rather than parsed from the part's stream: over IMAP, that stream may be the embedded body
   * only (GreenMail does so), while the nested message fetches its header section by itself.
   */
  private static String[] returnPath(Part part) throws MessagingException, IOException {
    if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")) {
      Object content = part.getContent();
      if (content instanceof Part embedded) {
        return embedded.getHeader("Return-Path");
      }
    }
    try (InputStream in = part.getInputStream()) {
      return new InternetHeaders(in).getHeader("Return-Path");
    }
  }

  private Optional<String> deliveryId(Message message, String[] originalReturnPath)
      throws MessagingException {
    Set<String> ids = new LinkedHashSet<>();
    for (String header : DELIVERED_TO_HEADERS) {
      collect(message.getHeader(header), ids);
    }
    collect(originalReturnPath, ids);
    if (ids.size() > 1) {
      LOG.warn(ErrorCode.BOUNCE_002 + " delivery status notification {} names several deliveries "
          + "{}; using the first", messageId(message), ids);
    }
    return ids.stream().findFirst();
  }

  private void collect(String[] values, Set<String> ids) {
    if (values == null) {
      return;
    }
    for (String value : values) {
      for (String address : addresses(MimeUtility.unfold(value))) {
        VerpAddress.deliveryIdOf(bounceAddress, address).ifPresent(ids::add);
      }
    }
  }

  private static List<String> addresses(String headerValue) {
    List<String> result = new ArrayList<>();
    try {
      for (Address address : InternetAddress.parseHeader(headerValue, false)) {
        if (address instanceof InternetAddress internet && internet.getAddress() != null) {
          result.add(internet.getAddress());
        }
      }
    } catch (AddressException e) {
      result.add(headerValue.strip()); // a bare, slightly malformed address is still worth a try
    }
    return result;
  }

  /** One email has one recipient, but a report may list several: the worst news wins. */
  private static Optional<BounceReport> mostSevere(String deliveryId, DeliveryStatus status) {
    BounceReport worst = null;
    for (int i = 0; i < status.getRecipientDSNCount(); i++) {
      BounceReport report = recipient(deliveryId, status.getRecipientDSN(i));
      if (report != null && (worst == null || severity(report) > severity(worst))) {
        worst = report;
      }
    }
    return Optional.ofNullable(worst);
  }

  private static BounceReport recipient(String deliveryId, InternetHeaders fields) {
    String action = field(fields, "Action");
    String statusField = field(fields, "Status");
    String code = null;
    if (statusField != null) {
      Matcher matcher = STATUS.matcher(statusField);
      code = matcher.find() ? matcher.group() : null;
    }
    Kind kind = kind(action, code);
    if (kind == null) {
      return null;
    }
    boolean permanent = kind == Kind.BOUNCED && code != null && code.startsWith("5.");
    String diagnostic = field(fields, "Diagnostic-Code");
    if (diagnostic != null && diagnostic.length() > MAX_DIAGNOSTIC) {
      diagnostic = diagnostic.substring(0, MAX_DIAGNOSTIC);
    }
    return new BounceReport(deliveryId, kind, permanent, code, diagnostic);
  }

  /** By {@code Action} (RFC 3464 section 2.3.3); by the status class when it is missing or new. */
  private static Kind kind(String action, String code) {
    String verb = action == null ? "" : action.split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT);
    return switch (verb) {
      case "failed" -> Kind.BOUNCED;
      case "delayed" -> Kind.DELAYED;
      case "delivered", "expanded", "relayed" -> Kind.DELIVERED;
      default -> code == null ? null : switch (code.charAt(0)) {
        case '5' -> Kind.BOUNCED;
        case '4' -> Kind.DELAYED;
        default -> Kind.DELIVERED;
      };
    };
  }

  private static int severity(BounceReport report) {
    return switch (report.kind()) {
      case BOUNCED -> report.permanent() ? 3 : 2;
      case DELAYED -> 1;
      case DELIVERED -> 0;
    };
  }

  private static String field(InternetHeaders fields, String name) {
    String[] values = fields.getHeader(name);
    if (values == null || values.length == 0) {
      return null;
    }
    // folded lines keep their indentation when unfolded; one space reads better in a journey
    String value = WHITESPACE.matcher(MimeUtility.unfold(values[0])).replaceAll(" ").strip();
    return value.isEmpty() ? null : value;
  }

  private static String messageId(Message message) {
    try {
      String[] ids = message.getHeader("Message-ID");
      return ids == null ? "#" + message.getMessageNumber() : ids[0];
    } catch (MessagingException e) {
      return "#" + message.getMessageNumber();
    }
  }
}
