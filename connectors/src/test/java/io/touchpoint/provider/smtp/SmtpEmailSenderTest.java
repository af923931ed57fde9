package io.touchpoint.provider.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.CallDeadline.CallTooLateException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * accepted is logged at once, so a send whose answer was lost is recorded from the log, not mailed again. A message
 * whose call's deadline passes while the relay's connection opens is not handed over.
 */
class SmtpEmailSenderTest {

  private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
      .setType(EmbeddedDatabaseType.H2).addScript("db/touchpoint/V10__smtp_acceptance.sql").build();
  private final SmtpAcceptanceLog acceptances = new SmtpAcceptanceLog(JdbcClient.create(database), Clock.systemUTC());
  private final CallDeadline deadline = new CallDeadline();
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
  void anEmailWhoseCallDeadlinePassesWhileTheRelayConnectsIsNotHandedOver() {
    relay = new RelayAnsweringRecipientsWith("250 ok", Duration.ofMillis(500));
    long dueWhileConnecting = System.nanoTime() + Duration.ofMillis(100).toNanos();

    assertThatThrownBy(() -> deadline.callBy(dueWhileConnecting,
        () -> sender(relay.port()).send(delivery(), message("ana@example.test"))))
        .isInstanceOf(CallTooLateException.class);
    assertThat(relay.commands()).anyMatch(command -> command.startsWith("EHLO"))
        .noneMatch(command -> command.startsWith("MAIL"));
  }

  @Test
  void anEmailWithinItsCallDeadlineIsHandedOver() {
    relay = new RelayAnsweringRecipientsWith("250 ok", Duration.ofMillis(100));
    Delivery delivery = delivery();
    long dueLater = System.nanoTime() + Duration.ofSeconds(10).toNanos();

    SendOutcome outcome = deadline.callBy(dueLater, () -> sender(relay.port()).send(delivery, message("ana@example.test")));

    assertThat(outcome).isInstanceOf(SendOutcome.Accepted.class);
    assertThat(relay.commands()).anyMatch(command -> command.startsWith("MAIL"));
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
        new GuardedHttpClient(new SsrfGuard(Set.of()), deadline), acceptances, deadline);
  }

  private static Delivery delivery() {
    return new Delivery(UUID.randomUUID().toString(), "job:1", "journey", "pi", "pi", "SendGuide", "ana", Channel.EMAIL,
        "ana@example.test", "smtp", null, Delivery.Outcome.SENDING, null, null, null);
  }

  private static OutboundEmail message(String to) {
    return new OutboundEmail(null, to, null, "Hello", "<p>Hello</p>", "Hello", "https://touchpoint.test/t/u/x", null);
  }

  /** A minimal SMTP relay that answers every RCPT TO with the given reply, and greets after a delay. */
  private static final class RelayAnsweringRecipientsWith implements AutoCloseable {

    private final ServerSocket server;
    private final Duration greetingDelay;
    private final List<String> commands = new CopyOnWriteArrayList<>();

    RelayAnsweringRecipientsWith(String recipientReply) {
      this(recipientReply, Duration.ZERO);
    }

    RelayAnsweringRecipientsWith(String recipientReply, Duration greetingDelay) {
      this.greetingDelay = greetingDelay;
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

    /** The commands the relay has read, in order. */
    List<String> commands() {
      return commands;
    }

    private void serve(String recipientReply) {
      while (!server.isClosed()) {
        try (Socket client = server.accept()) {
          BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
          OutputStream out = client.getOutputStream();
          Thread.sleep(greetingDelay.toMillis());
          reply(out, "220 fake relay");
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String command = line.toUpperCase();
            commands.add(command);
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
        } catch (IOException | InterruptedException closed) {
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
