package io.touchpoint.governor;

import io.touchpoint.store.InsertOnce;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The marketing sends each contact was released, from the delivery ledger, for frequency caps. Counting takes the
 * contact's lock row for the rest of the deciding transaction, so decisions for one contact on several nodes
 * happen one after the other and each sees the sends the one before released.
 */
public class SendCounts {

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;

  public SendCounts(JdbcClient jdbc, InsertOnce insertOnce) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
  }

  /** Locks the contact until the caller's transaction ends. */
  void lock(String contactId) {
    insertOnce.insert(() -> jdbc.sql("insert into tp_contact_lock (contact_id) values (?)").param(contactId).update());
    jdbc.sql("select contact_id from tp_contact_lock where contact_id = ? for update").param(contactId)
        .query(String.class).single();
  }

  /** When the contact's marketing sends were released since {@code since}, oldest first, on one channel or all. */
  List<Instant> releasedSince(String contactId, FrequencyCap cap, Instant since) {
    String channel = cap.channel() == null ? "" : " and channel = :channel";
    JdbcClient.StatementSpec query = jdbc.sql("""
            select released_at from tp_delivery where contact_id = :contact and message_type = 'MARKETING'
              and released_at > :since""" + channel + " order by released_at")
        .param("contact", contactId).param("since", OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
    if (cap.channel() != null) {
      query = query.param("channel", cap.channel().name());
    }
    return query.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).list();
  }
}
