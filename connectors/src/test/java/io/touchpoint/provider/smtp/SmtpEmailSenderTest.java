package io.touchpoint.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.provider.LookupRound;
import io.touchpoint.provider.LostAttempt;
import io.touchpoint.provider.OutboundEmail;
import io.touchpoint.provider.Reconciliation;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.http.SsrfGuard;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * How the SMTP relay's answers become outcomes: a permanent "no" is a refusal, the rest is retried; what the relay
 * accepted is logged at once, so a send whose answer was lost is recorded from the log, not mailed again.
 */
class SmtpEmailSenderTest {

  private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
      .setType(EmbeddedDatabaseType.H2).addScript("db/touchpoint/V10__smtp_acceptance.sql").build();
  private final SmtpAcceptanceLog acceptances = new SmtpAcceptanceLog(JdbcClient.create(database), Clock.systemUTC());
  private RelayAnsweringRecipientsWith relay;

  @AfterEach
  void stopRelay() throws IOException {
    if (relay != null) {
      relay.close();
    }
    database.shutdown();
  }

  @Test
  void anAcceptedEmailIsReconciledFromTheAcceptanceLogWithItsMessageId() {
    relay = new RelayAnsweringRecipientsWith("250 ok");
    Delivery delivery = delivery();

    SendOutcome outcome = sender(relay.port()).send(delivery, message("ana@example.test"));

    assertThat(outcome).isEqualTo(new SendOutcome.Accepted("<" + delivery.id() + "@touchpoint>", DeliveryStatus.SENT));
    assertThat(sender(relay.port()).reconcile(lost(delivery)))
        .isEqualTo(new Reconciliation.Sent("<" + delivery.id() + "@touchpoint>"));
  }

  @Test
  void anEmailTheRelayNeverAcceptedIsSentAgain() {
    relay = new RelayAnsweringRecipientsWith("451 4.3.0 Mailbox temporarily unavailable");
    Delivery delivery = delivery();
    assertThatThrownBy(() -> sender(relay.port()).send(delivery, message("busy@example.test")));

    assertThat(sender(relay.port()).reconcile(lost(delivery))).isInstanceOf(Reconciliation.SendAgain.class);
  }

  @Test
  void permanentRejectionIsARefusalWithTheSmtpCode() {
    relay = new RelayAnsweringRecipientsWith("550 5.1.1 <nobody@example.test>: Recipient address rejected");

    SendOutcome outcome = sender(relay.port()).send(delivery(), message("nobody@example.test"));

    assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class,
        rejected -> assertThat(rejected.errorCode()).isEqualTo("smtp-550"));
  }

  @Test
  void temporaryRejectionIsThrownForTheJobToRetry() {
    relay = new RelayAnsweringRecipientsWith("451 4.3.0 Mailbox temporarily unavailable");

    assertThatThrownBy(() -> sender(relay.port()).send(delivery(), message("busy@example.test")))
        .isInstanceOf(MailSendException.class);
  }

  @Test
  void unreachableRelayIsThrownForTheJobToRetry() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> sender(closedPort).send(delivery(), message("ana@example.test")))
        .isInstanceOf(RuntimeException.class);
  }

  private static LostAttempt lost(Delivery delivery) {
    Instant startedAt = Instant.now();
    return new LostAttempt(delivery, startedAt, providerMessageId -> false,
        new LookupRound(1, startedAt, startedAt));
  }

  private SmtpEmailSender sender(int port) {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(port);
    return new SmtpEmailSender(mail, new SmtpEmailSender.Settings("journeys@touchpoint.test", null, null, 1_000_000),
        new GuardedHttpClient(new SsrfGuard(Set.of())), acceptances);
  }

  private static Delivery delivery() {
    return new Delivery(UUID.randomUUID().toString(), "job:1", "journey", "pi", "pi", "SendGuide", "ana", Channel.EMAIL,
        "ana@example.test", "smtp", null, Delivery.Outcome.SENDING, null, null, null);
  }

  private static OutboundEmail message(String to) {
    return new OutboundEmail(null, to, null, "Hello", "<p>Hello</p>", "Hello", "https://touchpoint.test/t/u/x", null);
  }

  /** A minimal SMTP relay that answers every RCPT TO with the given reply. */
  private static final class RelayAnsweringRecipientsWith implements AutoCloseable {

    private final ServerSocket server;

    RelayAnsweringRecipientsWith(String recipientReply) {
      try {
        server = new ServerSocket(0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread thread = new Thread(() -> serve(recipientReply), "fake-smtp");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve(String recipientReply) {
      while (!server.isClosed()) {
        try (Socket client = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = client.getOutputStream();
          reply(out, "220 fake relay");
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.toUpperCase();
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
              reply(out, "250 fake relay");
            } else if (command.startsWith("RCPT")) {
              reply(out, recipientReply);
            } else if (command.startsWith("DATA")) {
              reply(out, "354 go on");
              while (!".".equals(in.readLine())) {
                // the message itself does not matter here
              }
              reply(out, "250 queued");
            } else if (command.startsWith("QUIT")) {
              reply(out, "221 bye");
              break;
            } else {
              reply(out, "250 ok");
            }
          }
        } catch (IOException closed) {
          return;
        }
      }
    }

    private static void reply(OutputStream out, String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
