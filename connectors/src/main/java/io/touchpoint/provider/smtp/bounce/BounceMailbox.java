package io.touchpoint.provider.smtp.bounce;

import io.touchpoint.error.ErrorCode;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the bounce mailbox over IMAP and hands every delivery status notification found there, as
 * a {@link BounceReport}, to a consumer.
 *
 * <p>The IMAP {@code \Seen} flag is the only bookkeeping: {@link #poll()} reads the unseen
 * messages and marks each one seen once it is done with it, so no local state has to survive a
 * restart and a mail client can still look at the mailbox. Messages are fetched with {@code
 * BODY.PEEK}, so a message only becomes seen when it was handled:
 *
 * <ul>
 *   <li>a report the consumer accepted: seen;
 *   <li>a message that is no DSN of ours (auto-reply, spam, report for an unknown address) or
 *       cannot be parsed: seen, logged, because reading it again would not change anything;
 *   <li>a report the consumer threw on (e.g. the database was down): left unseen and offered again
 *       at the next poll. Delivery is therefore at least once; the consumer must be idempotent
 *       (the same report may also come twice if two nodes poll the same mailbox at once).
 * </ul>
 *
 * <p>Timeouts come from the {@link Session}: set {@code mail.imap(s).connectiontimeout} and
 * {@code mail.imap(s).timeout}, which are infinite by default. The password is never
 * logged by this class; do not enable {@code mail.debug} in production, it prints the IMAP login.
 */
public class BounceMailbox {

  private static final Logger LOG = LoggerFactory.getLogger(BounceMailbox.class);

  private final Session session;
  private final ImapSettings settings;
  private final DeliveryStatusReports reports;
  private final Consumer<BounceReport> consumer;

  /**
   * @param session Jakarta Mail session (timeouts, TLS options)
   * @param settings where the bounce mailbox is
   * @param bounceAddress the configured bounce address ({@code touchpoint.email.bounce-address});
   *     only reports sent back to one of its {@link VerpAddress VERP addresses} are delivered
   * @param consumer records each report; called on the polling thread
   */
  public BounceMailbox(Session session, ImapSettings settings, String bounceAddress,
      Consumer<BounceReport> consumer) {
    this.session = Objects.requireNonNull(session, "session");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reports = new DeliveryStatusReports(bounceAddress);
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  /**
   * Reads the unseen messages of the folder once.
   *
   * <p>One bad message never ends the poll: it is logged ({@link ErrorCode#BOUNCE_004} to
   * {@link ErrorCode#BOUNCE_006}) and the next one is read. Synchronized, so that two overlapping
   * calls on one instance do not hand the same report over twice.
   *
   * @return how many reports the consumer accepted
   * @throws BounceMailboxException ({@link ErrorCode#BOUNCE_007}) if the mailbox cannot be
   *     reached, logged in to or opened; the messages stay as they are for the next poll
   */
  public synchronized int poll() {
    Store store = null;
    Folder folder = null;
    try {
      store = session.getStore(settings.protocol());
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      folder = store.getFolder(settings.folder());
      folder.open(Folder.READ_WRITE);
      return read(folder);
    } catch (MessagingException e) {
      throw new BounceMailboxException(ErrorCode.BOUNCE_007 + " cannot read bounce mailbox "
          + settings + ": " + e.getMessage(), e);
    } finally {
      close(folder, store);
    }
  }

  private int read(Folder folder) throws MessagingException {
    Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    if (unseen.length == 0) {
      return 0;
    }
    FetchProfile headers = new FetchProfile();
    headers.add(FetchProfile.Item.CONTENT_INFO);
    headers.add("Message-ID");
    headers.add("Delivered-To");
    headers.add("X-Original-To");
    headers.add("To");
    folder.fetch(unseen, headers);
    int delivered = 0;
    for (Message message : unseen) {
      if (handle(message)) {
        delivered++;
      }
    }
    LOG.debug(ErrorCode.BOUNCE_009 + " {} unseen message(s) in {}, {} report(s) delivered",
        unseen.length, settings, delivered);
    return delivered;
  }

  /** @return whether a report was delivered to the consumer */
  private boolean handle(Message message) {
    if (message instanceof IMAPMessage imap) {
      imap.setPeek(true); // seen only once handled, see markSeen
    }
    Optional<BounceReport> report;
    try {
      report = reports.read(message);
    } catch (MessagingException | IOException | RuntimeException e) {
      LOG.warn(ErrorCode.BOUNCE_004 + " message #{} in {} could not be read as a delivery status "
          + "notification; marked seen, not read again", message.getMessageNumber(), settings, e);
      markSeen(message);
      return false;
    }
    if (report.isEmpty()) {
      LOG.debug(ErrorCode.BOUNCE_008 + " message #{} in {} is no delivery status notification of "
          + "ours; marked seen", message.getMessageNumber(), settings);
      markSeen(message);
      return false;
    }
    try {
      consumer.accept(report.get());
    } catch (RuntimeException e) {
      LOG.error(ErrorCode.BOUNCE_005 + " {} for delivery {} was not recorded; message #{} stays "
          + "unseen and is read again at the next poll", report.get().kind(),
          report.get().deliveryId(), message.getMessageNumber(), e);
      return false;
    }
    markSeen(message);
    return true;
  }

  private void markSeen(Message message) {
    try {
      message.setFlag(Flags.Flag.SEEN, true);
    } catch (MessagingException | RuntimeException e) {
      LOG.warn(ErrorCode.BOUNCE_006 + " message #{} in {} could not be marked seen; it will be read "
          + "again at the next poll", message.getMessageNumber(), settings, e);
    }
  }

  private static void close(Folder folder, Store store) {
    try {
      if (folder != null && folder.isOpen()) {
        folder.close(false);
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("bounce folder not closed cleanly", e);
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("bounce store not closed cleanly", e);
    }
  }
}
