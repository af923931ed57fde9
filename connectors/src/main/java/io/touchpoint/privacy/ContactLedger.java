package io.touchpoint.privacy;

import io.touchpoint.consent.ConsentRegistry;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Touchpoint's own side of erasing a contact: the ledger rows that name them or their addresses. Rows are
 * anonymised, never deleted, so every count analytics makes from them stays what it was: the contact id becomes
 * the erasure's pseudonym, addresses and message texts are removed, opt-outs keep working under a hash.
 */
public class ContactLedger {

  /** What the ledger held about the contact. */
  public record Erased(int deliveries, int inboundMessages, int optOuts, int events) {
  }

  private final JdbcClient jdbc;
  private final ConsentRegistry consent;

  public ContactLedger(JdbcClient jdbc, ConsentRegistry consent) {
    this.jdbc = jdbc;
    this.consent = consent;
  }

  /** The addresses the contact's messages went to. */
  public Set<String> recipientsOf(String contactId) {
    return new LinkedHashSet<>(jdbc.sql("select distinct recipient from tp_delivery where contact_id = ? "
        + "and recipient is not null").param(contactId).query(String.class).list());
  }

  /** @param addresses every address of the contact: what their messages went to and what their journeys held */
  public Erased erase(String contactId, String pseudonym, Collection<String> addresses) {
    int deliveries = jdbc.sql("update tp_delivery set contact_id = :pseudonym, recipient = null "
            + "where contact_id = :contact")
        .param("pseudonym", pseudonym).param("contact", contactId).update();
    StatementSpec inbound = jdbc.sql("update tp_inbound_message set sender = :pseudonym, body = null, payload = null "
            + "where " + (addresses.isEmpty() ? "" : "sender in (:addresses) or ")
            + "delivery_id in (select id from tp_delivery where contact_id = :pseudonym)")
        .param("pseudonym", pseudonym);
    if (!addresses.isEmpty()) {
      inbound.param("addresses", addresses);
    }
    int inboundMessages = inbound.update();
    int optOuts = consent.forget(addresses);
    int events = jdbc.sql("update tp_event set contact_id = ? where contact_id = ?").params(pseudonym, contactId)
        .update();
    jdbc.sql("update tp_journey_entry set contact_id = ? where contact_id = ?").params(pseudonym, contactId).update();
    // the experiments keep counting the contact, no longer knowing who they were
    jdbc.sql("update tp_experiment_assignment set contact_id = ? where contact_id = ?").params(pseudonym, contactId)
        .update();
    // operators' audit log keeps what was done, not to whom
    jdbc.sql("update tp_operator_action_instance set contact_id = ? where contact_id = ?").params(pseudonym, contactId)
        .update();
    return new Erased(deliveries, inboundMessages, optOuts, events);
  }
}
