package io.touchpoint.privacy;

import io.touchpoint.error.ErrorCode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Honours an erasure request for a contact, across all journeys, in one transaction: their running journeys are
 * cancelled (none may message them again), the personal data in the engine's variables and history and in
 * Touchpoint's ledger is erased or anonymised under a fresh pseudonym, and the erasure is recorded — when it
 * happened and what was found, never whom it was about. Erasing again finds nothing and changes nothing.
 */
public class ContactErasure {

  /** What one erasure did; its id and pseudonym tie it to the anonymised rows, not to a person. */
  public record Erasure(String id, String pseudonym, int journeys, int cancelled, ContactLedger.Erased ledger) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(ContactErasure.class);
  private static final int ATTEMPTS = 3;

  private final ContactJourneys journeys;
  private final ContactLedger ledger;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  public ContactErasure(ContactJourneys journeys, ContactLedger ledger, JdbcClient jdbc,
      PlatformTransactionManager transactionManager, Clock clock) {
    this.journeys = journeys;
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  public Erasure erase(String contactId) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.execute(tx -> eraseOnce(contactId));
      } catch (OptimisticLockingException concurrent) {
        // a job of one of the contact's journeys moved it meanwhile; nothing of ours was kept: look again
        if (attempt == ATTEMPTS) {
          throw concurrent;
        }
      }
    }
  }

  private Erasure eraseOnce(String contactId) {
    String pseudonym = "erased-" + UUID.randomUUID();
    Set<String> instances = journeys.of(contactId);
    Set<String> addresses = new LinkedHashSet<>(ledger.recipientsOf(contactId));
    addresses.addAll(journeys.addressesIn(instances));
    int cancelled = journeys.cancelRunning(instances);
    journeys.eraseHistory(instances, pseudonym);
    ContactLedger.Erased erased = ledger.erase(contactId, pseudonym, addresses);
    Erasure erasure = new Erasure(UUID.randomUUID().toString(), pseudonym, instances.size(), cancelled, erased);
    record(erasure);
    LOG.info(ErrorCode.PRIVACY_002 + " erasure {}: {} journeys ({} cancelled), {} deliveries, {} inbound messages, "
            + "{} opt-outs, {} events anonymised as {}", erasure.id(), erasure.journeys(), cancelled,
        erased.deliveries(), erased.inboundMessages(), erased.optOuts(), erased.events(), pseudonym);
    return erasure;
  }

  private void record(Erasure erasure) {
    ContactLedger.Erased erased = erasure.ledger();
    jdbc.sql("""
            insert into tp_erasure (id, pseudonym, erased_at, journeys, cancelled, deliveries, inbound_messages,
              opt_outs, events) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(erasure.id(), erasure.pseudonym(), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
            erasure.journeys(), erasure.cancelled(), erased.deliveries(), erased.inboundMessages(), erased.optOuts(),
            erased.events())
        .update();
  }
}
