package io.touchpoint.provider.smtp.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.provider.smtp.bounce.BounceReport.Kind;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MultipartReport;
import org.junit.jupiter.api.Test;

class DeliveryStatusReportsTest {

  private static final String BOUNCES = "bounces@touchpoint.test";

  private final Session session = Session.getInstance(new Properties());
  private final DeliveryStatusReports reports = new DeliveryStatusReports(BOUNCES);
  private final String id = UUID.randomUUID().toString();

  @Test
  void userUnknownIsAPermanentBounce() throws Exception {
    assertThat(reports.read(Emails.message(session, "dsn-bounce-permanent.eml", id)))
        .contains(new BounceReport(id, Kind.BOUNCED, true, "5.1.1",
            "smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User "
                + "unknown in virtual mailbox table"));
  }

  @Test
  void delayIsReportedButNotPermanent() throws Exception {
    BounceReport report =
        reports.read(Emails.message(session, "dsn-delayed.eml", id)).orElseThrow();
    assertThat(report.deliveryId()).isEqualTo(id);
    assertThat(report.kind()).isEqualTo(Kind.DELAYED);
    assertThat(report.permanent()).isFalse();
    assertThat(report.status()).isEqualTo("4.4.1");
    assertThat(report.diagnostic()).startsWith("X-Postfix; connect to mail.example.net");
  }

  @Test
  void successNotificationIsADelivery() throws Exception {
    assertThat(reports.read(Emails.message(session, "dsn-delivered.eml", id)))
        .contains(new BounceReport(id, Kind.DELIVERED, false, "2.0.0",
            "smtp; 250 2.0.0 Ok: queued as 5F4E3D2C1B"));
  }

  @Test
  void givenUpWithATransientStatusIsABounceButNotPermanent_idFromTheReturnedMessage()
      throws Exception {
    // To: is the bare bounce address here; only the returned message's Return-Path (upper case,
    // as some relays rewrite it) names the delivery
    assertThat(reports.read(Emails.message(session, "dsn-expired-returned-message.eml", id)))
        .contains(new BounceReport(id, Kind.BOUNCED, false, "4.4.7", null));
  }

  @Test
  void autoReplyToTheVerpAddressIsNoReport() throws Exception {
    assertThat(reports.read(Emails.message(session, "auto-reply.eml", id))).isEmpty();
  }

  @Test
  void reportForAnotherMailboxIsIgnored() throws Exception {
    String raw = Emails.text("dsn-bounce-permanent.eml", id)
        .replace("bounces+" + id + "@touchpoint.test", "noreply+" + id + "@touchpoint.test");
    assertThat(reports.read(Emails.parse(session, raw))).isEmpty();
  }

  @Test
  void readReceiptIsNoDeliveryStatus() throws Exception {
    String raw = Emails.text("dsn-delivered.eml", id)
        .replace("report-type=delivery-status", "report-type=disposition-notification");
    assertThat(reports.read(Emails.parse(session, raw))).isEmpty();
  }

  @Test
  void reportBuiltWithAngusDsnApi_worstRecipientWins() throws Exception {
    InternetHeaders perMessage = new InternetHeaders();
    perMessage.addHeader("Reporting-MTA", "dns; mx.example.org");
    InternetHeaders delivered = recipient("ada@example.org", "delivered", "2.0.0", null);
    InternetHeaders refused = recipient("bob@example.org", "failed",
        "5.7.1 (delivery not authorized, message refused)", "smtp; 550 5.7.1 Message rejected");
    DeliveryStatus status = new DeliveryStatus();
    status.setMessageDSN(perMessage);
    status.addRecipientDSN(delivered);
    status.addRecipientDSN(refused);
    InternetHeaders original = new InternetHeaders();
    original.addHeader("Return-Path", "<" + VerpAddress.of(BOUNCES, id) + ">");
    original.addHeader("Subject", "Your order has shipped");

    MimeMessage dsn = new MimeMessage(session);
    dsn.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.org"));
    dsn.setRecipient(RecipientType.TO, new InternetAddress(BOUNCES));
    dsn.setSubject("Undelivered Mail Returned to Sender");
    dsn.setContent(new MultipartReport("Your message could not be delivered.", status, original));
    dsn.saveChanges();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    dsn.writeTo(wire);

    MimeMessage received = new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
    assertThat(reports.read(received)).contains(new BounceReport(id, Kind.BOUNCED, true, "5.7.1",
        "smtp; 550 5.7.1 Message rejected"));
  }

  @Test
  void plainMessageIsNoReport() throws Exception {
    MimeMessage plain = new MimeMessage(session);
    plain.setRecipient(RecipientType.TO, new InternetAddress(VerpAddress.of(BOUNCES, id)));
    plain.setText("hello");
    plain.saveChanges();
    assertThat(reports.read(plain)).isEmpty();
  }

  @Test
  void refusesABounceAddressThatIsNone() {
    assertThatThrownBy(() -> new DeliveryStatusReports("bounces"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static InternetHeaders recipient(String address, String action, String status,
      String diagnostic) {
    InternetHeaders fields = new InternetHeaders();
    fields.addHeader("Final-Recipient", "rfc822; " + address);
    fields.addHeader("Action", action);
    fields.addHeader("Status", status);
    if (diagnostic != null) {
      fields.addHeader("Diagnostic-Code", diagnostic);
    }
    return fields;
  }
}
