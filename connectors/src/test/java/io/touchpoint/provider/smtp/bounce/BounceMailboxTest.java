package io.touchpoint.provider.smtp.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.touchpoint.provider.smtp.bounce.BounceReport.Kind;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounce mailbox read over IMAP from GreenMail, reports delivered to it over SMTP. */
class BounceMailboxTest {

  private static final String BOUNCES = "bounces@touchpoint.test";
  private static final String PASSWORD = "s3cret-bounce-pw";

  @RegisterExtension
  static final GreenMailExtension GREEN_MAIL =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
          .withConfiguration(GreenMailConfiguration.aConfig().withUser(BOUNCES, BOUNCES, PASSWORD));

  private final List<BounceReport> recorded = new ArrayList<>();

  @Test
  void deliversEveryReportOnceAndMarksEverythingSeen() throws Exception {
    String bounced = UUID.randomUUID().toString();
    String delayed = UUID.randomUUID().toString();
    String delivered = UUID.randomUUID().toString();
    String expired = UUID.randomUUID().toString();
    receive("dsn-bounce-permanent.eml", bounced);
    receive("dsn-delayed.eml", delayed);
    receive("dsn-delivered.eml", delivered);
    receive("dsn-expired-returned-message.eml", expired);
    receive("auto-reply.eml", UUID.randomUUID().toString());
    BounceMailbox mailbox = mailbox(PASSWORD, recorded::add);

    assertThat(mailbox.poll()).isEqualTo(4);

    assertThat(recorded).containsExactlyInAnyOrder(
        new BounceReport(bounced, Kind.BOUNCED, true, "5.1.1",
            "smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in "
                + "virtual mailbox table"),
        new BounceReport(delayed, Kind.DELAYED, false, "4.4.1",
            "X-Postfix; connect to mail.example.net[198.51.100.9]:25: Connection timed out"),
        new BounceReport(delivered, Kind.DELIVERED, false, "2.0.0",
            "smtp; 250 2.0.0 Ok: queued as 5F4E3D2C1B"),
        new BounceReport(expired, Kind.BOUNCED, false, "4.4.7", null));
    assertThat(unseenOfTotal()).as("the auto-reply is marked seen too").containsExactly(0, 5);

    assertThat(mailbox.poll()).as("second poll").isZero();
    assertThat(recorded).hasSize(4);

    String later = UUID.randomUUID().toString();
    receive("dsn-bounce-permanent.eml", later);
    assertThat(mailbox.poll()).as("only the new report").isEqualTo(1);
    assertThat(recorded).last().extracting(BounceReport::deliveryId).isEqualTo(later);
  }

  @Test
  void plainEmailGivesNoReportButIsMarkedSeen() throws Exception {
    MimeMessage plain = new MimeMessage(GREEN_MAIL.getSmtp().createSession());
    plain.setFrom("someone@example.org");
    plain.setRecipients(MimeMessage.RecipientType.TO, BOUNCES);
    plain.setSubject("Unsubscribe me");
    plain.setText("Please stop writing to me.");
    plain.saveChanges();
    Transport.send(plain);

    assertThat(mailbox(PASSWORD, recorded::add).poll()).isZero();
    assertThat(recorded).isEmpty();
    assertThat(unseenOfTotal()).containsExactly(0, 1);
  }

  @Test
  void reportTheConsumerFailsOnStaysUnseenAndIsOfferedAgain() throws Exception {
    String id = UUID.randomUUID().toString();
    receive("dsn-bounce-permanent.eml", id);
    receive("auto-reply.eml", id);

    Consumer<BounceReport> failing = report -> {
      throw new IllegalStateException("database down");
    };
    assertThat(mailbox(PASSWORD, failing).poll()).isZero();
    assertThat(unseenOfTotal()).as("report unseen, auto-reply seen").containsExactly(1, 2);

    assertThat(mailbox(PASSWORD, recorded::add).poll()).isEqualTo(1);
    assertThat(recorded).extracting(BounceReport::deliveryId).containsExactly(id);
    assertThat(unseenOfTotal()).containsExactly(0, 2);
  }

  @Test
  void unreachableMailboxFailsThePollWithoutThePassword() {
    BounceMailbox mailbox = mailbox("wrong-" + PASSWORD, recorded::add);
    assertThatThrownBy(mailbox::poll)
        .isInstanceOf(BounceMailboxException.class)
        .hasMessageStartingWith("TOUCHPOINT-BOUNCE-007")
        .hasMessageContaining(BOUNCES)
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void settingsNeverShowThePassword() {
    assertThat(settings(PASSWORD).toString()).doesNotContain(PASSWORD).contains("password=***");
  }

  private BounceMailbox mailbox(String password, Consumer<BounceReport> consumer) {
    return new BounceMailbox(imapSession(), settings(password), BOUNCES, consumer);
  }

  private static ImapSettings settings(String password) {
    return new ImapSettings("127.0.0.1", GREEN_MAIL.getImap().getPort(), BOUNCES, password,
        "INBOX", false);
  }

  private static Session imapSession() {
    Properties properties = new Properties();
    properties.setProperty("mail.imap.connectiontimeout", "5000");
    properties.setProperty("mail.imap.timeout", "5000");
    return Session.getInstance(properties);
  }

  /**
   * Hands a captured report to GreenMail's SMTP server as the reporting MTA would, unchanged
   * bytes, envelope recipient the bounce mailbox (GreenMail has no sub-addressing; the VERP address
   * is in the headers, as a real server delivering {@code bounces+id@} to {@code bounces@} leaves
   * it).
   */
  private static void receive(String email, String deliveryId) throws Exception {
    Session smtp = GREEN_MAIL.getSmtp().createSession();
    MimeMessage message = Emails.message(smtp, email, deliveryId);
    try (Transport transport = smtp.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new Address[] {new InternetAddress(BOUNCES)});
    }
  }

  private static int[] unseenOfTotal() throws Exception {
    Store store = imapSession().getStore("imap");
    store.connect("127.0.0.1", GREEN_MAIL.getImap().getPort(), BOUNCES, PASSWORD);
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return new int[] {inbox.getUnreadMessageCount(), inbox.getMessageCount()};
      } finally {
        inbox.close(false);
      }
    } finally {
      store.close();
    }
  }
}
