package io.touchpoint.delivery;

import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.store.InsertOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable record of every send and every status it reached. Callers choose the transaction:
 * writes that must survive the journey's own transaction rolling back (the provider already has
 * the message) run in one of their own ({@link io.touchpoint.correlation.DeliveryStatusService}).
 */
public class DeliveryLedger {

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final Clock clock;

  public DeliveryLedger(JdbcClient jdbc, InsertOnce insertOnce, Clock clock) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.clock = clock;
  }

  /** Records a send in the caller's transaction. */
  public void insert(Delivery delivery, Instant now) {
    jdbc.sql("""
            insert into tp_delivery (id, idempotency_key, journey_key, process_instance_id, activity_id,
              contact_id, channel, recipient, provider, provider_message_id, outcome, outcome_reason,
              parent_id, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(delivery.id(), delivery.idempotencyKey(), delivery.journeyKey(), delivery.processInstanceId(),
            delivery.activityId(), delivery.contactId(), delivery.channel().name(), delivery.recipient(),
            delivery.provider(), delivery.providerMessageId(), delivery.outcome().name(),
            truncate(delivery.outcomeReason(), 500), delivery.parentId(), utc(now), utc(now))
        .update();
  }

  /**
   * Holds the delivery's row until the current transaction ends (serialises work on one delivery).
   *
   * @return the journey instance the delivery belongs to, if the delivery exists
   */
  public Optional<String> lock(String deliveryId) {
    return jdbc.sql("select process_instance_id from tp_delivery where id = ? for update").param(deliveryId)
        .query(String.class).optional();
  }

  public Optional<Delivery> findById(String deliveryId) {
    return jdbc.sql("select * from tp_delivery where id = ?").param(deliveryId)
        .query(DeliveryLedger::toDelivery).optional();
  }

  public Optional<Delivery> findByProviderMessageId(String provider, String providerMessageId) {
    return jdbc.sql("select * from tp_delivery where provider = ? and provider_message_id = ?")
        .params(provider, providerMessageId)
        .query(DeliveryLedger::toDelivery).optional();
  }

  /** Records that the provider delivered over another channel than the one asked for (fallback). */
  public void recordDeliveredVia(String deliveryId, Channel channel) {
    jdbc.sql("update tp_delivery set delivered_via = ?, updated_at = ? where id = ? and delivered_via is null")
        .params(channel.name(), utc(clock.instant()), deliveryId).update();
  }

  /** The newest message this channel handed to the provider for that address (reply attribution). */
  public Optional<Delivery> latestAcceptedTo(Channel channel, String recipient) {
    return jdbc.sql("""
            select * from tp_delivery where channel = ? and recipient = ? and outcome = ?
            order by created_at desc, id desc fetch first 1 rows only""")
        .params(channel.name(), recipient, Outcome.ACCEPTED.name())
        .query(DeliveryLedger::toDelivery).optional();
  }

  /** The newest message of a channel to that address that the provider delivered over another channel. */
  public Optional<Delivery> latestDeliveredVia(Channel channel, String recipient, Channel via) {
    return jdbc.sql("""
            select * from tp_delivery where channel = ? and recipient = ? and delivered_via = ?
            order by created_at desc, id desc fetch first 1 rows only""")
        .params(channel.name(), recipient, via.name())
        .query(DeliveryLedger::toDelivery).optional();
  }

  /** The send an earlier attempt of the same job recorded, if any. */
  public Optional<Delivery> findByIdempotencyKey(String key) {
    return jdbc.sql("select * from tp_delivery where idempotency_key = ?").param(key)
        .query(DeliveryLedger::toDelivery).optional();
  }

  /**
   * Records the status and what it implies; returns the statuses that are new for this
   * delivery, in the order they happened. A duplicate report returns nothing. Holds the
   * delivery's row, so reports of one recorded delivery are recorded one after the other.
   */
  public List<DeliveryStatus> recordStatus(String deliveryId, DeliveryStatus status,
      String providerStatus, String errorCode, Instant occurredAt) {
    lock(deliveryId);
    Set<DeliveryStatus> known = statuses(deliveryId);
    List<DeliveryStatus> added = new ArrayList<>();
    for (DeliveryStatus reached : status.withImplied()) {
      if (known.contains(reached)) {
        continue;
      }
      boolean implied = reached != status;
      // the delivery's lock does not cover a status that came before the delivery was recorded
      // (a fast device's receipt): such a status may be recorded twice at once, and only one wins
      boolean recorded = insertOnce.insert(() -> jdbc.sql("""
              insert into tp_delivery_status (delivery_id, status, provider_status, error_code,
                implied, occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?)""")
          .params(deliveryId, reached.name(), implied ? null : providerStatus,
              implied ? null : errorCode, implied, utc(occurredAt), utc(clock.instant()))
          .update());
      if (recorded) {
        added.add(reached);
      }
    }
    return added;
  }

  /** The parts of a send to several addresses. */
  public List<Delivery> parts(String parentId) {
    return jdbc.sql("select * from tp_delivery where parent_id = ?").param(parentId)
        .query(DeliveryLedger::toDelivery).list();
  }

  public Set<DeliveryStatus> statuses(String deliveryId) {
    EnumSet<DeliveryStatus> all = EnumSet.noneOf(DeliveryStatus.class);
    jdbc.sql("select status from tp_delivery_status where delivery_id = ?").param(deliveryId)
        .query(String.class).list().forEach(s -> all.add(DeliveryStatus.valueOf(s)));
    return all;
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String truncate(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  private static Delivery toDelivery(ResultSet rs, int row) throws SQLException {
    return new Delivery(
        rs.getString("id"),
        rs.getString("idempotency_key"),
        rs.getString("journey_key"),
        rs.getString("process_instance_id"),
        rs.getString("activity_id"),
        rs.getString("contact_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("recipient"),
        rs.getString("provider"),
        rs.getString("provider_message_id"),
        Outcome.valueOf(rs.getString("outcome")),
        rs.getString("outcome_reason"),
        rs.getString("parent_id"));
  }
}
