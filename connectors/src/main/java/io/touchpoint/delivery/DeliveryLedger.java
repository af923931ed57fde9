package io.touchpoint.delivery;

import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.store.InsertOnce;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The durable record of every send and every status it reached. Callers choose the transaction: a
 * send is recorded in the journey's transaction, its answer in the send pipeline's.
 */
public class DeliveryLedger {

  /** The outcome code of a SENDING send whose answer was lost on the way, until it is looked up. */
  private static final String ANSWER_LOST = "ANSWER_LOST";
  private static final int IDS_PER_STATEMENT = 500;

  private final JdbcClient jdbc;
  private final JdbcOperations batch;
  private final InsertOnce insertOnce;
  private final Clock clock;

  public DeliveryLedger(JdbcOperations jdbc, InsertOnce insertOnce, Clock clock) {
    this.jdbc = JdbcClient.create(jdbc);
    this.batch = jdbc;
    this.insertOnce = insertOnce;
    this.clock = clock;
  }

  /** Records a send in the caller's transaction; a QUEUED one belongs to {@code ownerNode}'s pipeline. */
  public void insert(Delivery delivery, String ownerNode, Instant now) {
    insert(delivery, ownerNode, now, null, null, null);
  }

  /**
   * Records a send the governor looked at: released ({@code ownerNode} set, QUEUED), or held (HELD with the reason
   * as its code, no owner: its job at the task brings it back).
   *
   * @param messageType what the send is for ({@code MARKETING}, {@code TRANSACTIONAL}); caps count marketing
   * @param decidedAt   when the governor decided, on the engine's clock: the send's first due time, and when it was
   *                    released if it was
   */
  public void insertGoverned(Delivery delivery, String ownerNode, String messageType, String holdReason,
      Instant decidedAt) {
    boolean held = holdReason != null;
    insert(held ? delivery.held(holdReason) : delivery, held ? null : ownerNode, clock.instant(), messageType,
        decidedAt, held ? null : decidedAt);
  }

  private void insert(Delivery delivery, String ownerNode, Instant now, String messageType, Instant firstDueAt,
      Instant releasedAt) {
    jdbc.sql("""
            insert into tp_delivery (id, idempotency_key, journey_key, process_instance_id, execution_id,
              activity_id, contact_id, channel, recipient, provider, provider_message_id, outcome, outcome_code,
              outcome_reason, parent_id, owner_node, created_at, updated_at, message_type, first_due_at, released_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(delivery.id(), delivery.idempotencyKey(), delivery.journeyKey(), delivery.processInstanceId(),
            delivery.executionId(), delivery.activityId(), delivery.contactId(), delivery.channel().name(),
            delivery.recipient(), delivery.provider(), delivery.providerMessageId(), delivery.outcome().name(),
            truncate(delivery.outcomeCode(), 50),
            truncate(delivery.outcomeReason(), 500), delivery.parentId(), ownerNode, utc(now), utc(now),
            messageType, utc(firstDueAt), utc(releasedAt))
        .update();
  }

  /** When a governed send was first due (the governor's first decision). */
  public Optional<Instant> firstDueAt(String deliveryId) {
    return jdbc.sql("select first_due_at from tp_delivery where id = ?").param(deliveryId)
        .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).optional().map(OffsetDateTime::toInstant);
  }

  /** A held send is released to this node's pipeline; {@code releasedAt} on the engine's clock, as caps count. */
  public boolean release(String deliveryId, String ownerNode, Instant releasedAt) {
    return jdbc.sql("""
            update tp_delivery set outcome = 'QUEUED', outcome_code = null, owner_node = ?, released_at = ?,
              updated_at = ? where id = ? and outcome = 'HELD'""")
        .params(ownerNode, utc(releasedAt), utc(clock.instant()), deliveryId).update() > 0;
  }

  /** A held send stays held, for this reason now. */
  public void holdAgain(String deliveryId, String reason) {
    jdbc.sql("update tp_delivery set outcome_code = ?, updated_at = ? where id = ? and outcome = 'HELD'")
        .params(reason, utc(clock.instant()), deliveryId).update();
  }

  /** A held send is not sent at all: the governor suppressed it. */
  public void suppress(String deliveryId, String reason) {
    jdbc.sql("""
            update tp_delivery set outcome = 'SKIPPED', outcome_code = ?, outcome_reason = ?, updated_at = ?
            where id = ? and outcome = 'HELD'""")
        .params(SkipReason.SUPPRESSED.name(), "suppressed: " + reason, utc(clock.instant()), deliveryId).update();
  }

  /**
   * Marks queued sends of this node as handed to their provider, in one round trip. The attempt's start is the
   * database's time, as another node that takes the send over judges it by the same clock
   * ({@link #attemptStarts}).
   *
   * @return the ids that were still this node's to send (another node may have taken some over)
   */
  public List<String> markSending(List<String> deliveryIds, String ownerNode) {
    Instant now = clock.instant();
    List<Object[]> rows = deliveryIds.stream()
        .map(id -> new Object[] {utc(now), id, ownerNode}).toList();
    int[] updated = batch.batchUpdate("""
            update tp_delivery set outcome = 'SENDING', attempts = attempts + 1, attempt_started_at = current_timestamp,
              outcome_code = null, updated_at = ? where id = ? and owner_node = ? and outcome = 'QUEUED'""", rows);
    List<String> marked = new ArrayList<>();
    for (int i = 0; i < updated.length; i++) {
      if (updated[i] > 0) {
        marked.add(deliveryIds.get(i));
      }
    }
    return marked;
  }

  /**
   * Records what the provider answered (or the decision not to send) for a send this node is sending.
   *
   * @return false when the send is no longer this node's (taken over after this node was presumed dead)
   */
  public boolean recordAnswer(Delivery answered, String ownerNode) {
    return jdbc.sql("""
            update tp_delivery set outcome = ?, provider_message_id = ?, outcome_code = ?, outcome_reason = ?,
              owner_node = null, updated_at = ? where id = ? and owner_node = ? and outcome = 'SENDING'""")
        .params(answered.outcome().name(), answered.providerMessageId(), truncate(answered.outcomeCode(), 50),
            truncate(answered.outcomeReason(), 500),
            utc(clock.instant()), answered.id(), ownerNode)
        .update() > 0;
  }

  /**
   * A failed attempt of a send this node was sending: a retry job takes it up later, on any node.
   *
   * @param spent whether the attempt counts against the task's retries (a provider's throttling does not)
   */
  public boolean recordRetry(String deliveryId, String reason, String ownerNode, boolean spent) {
    return jdbc.sql("""
            update tp_delivery set outcome = 'RETRYING', outcome_reason = ?, owner_node = null, updated_at = ?,
              attempts = attempts - ? where id = ? and owner_node = ? and outcome = 'SENDING'""")
        .params(truncate(reason, 500), utc(clock.instant()), spent ? 0 : 1, deliveryId, ownerNode)
        .update() > 0;
  }

  /**
   * The answer to a send this node is sending was lost on the way ({@link ProviderAnswerLostException}): it stays
   * SENDING, marked for this node's recovery to look up with the provider.
   */
  public boolean recordAnswerLost(String deliveryId, String reason, String ownerNode) {
    return jdbc.sql("""
            update tp_delivery set outcome_code = ?, outcome_reason = ?, updated_at = ?
            where id = ? and owner_node = ? and outcome = 'SENDING'""")
        .params(ANSWER_LOST, truncate(reason, 500), utc(clock.instant()), deliveryId, ownerNode)
        .update() > 0;
  }

  /**
   * This node's sends whose answer was lost on the way, to be looked up with their provider: those not asked about
   * yet, and those whose provider could not say before {@code askedBefore} (on the {@linkplain #databaseNow database's
   * clock}).
   */
  public List<Delivery> answersLost(String ownerNode, Instant askedBefore, int limit) {
    return jdbc.sql("""
            select * from tp_delivery where owner_node = ? and outcome = 'SENDING' and outcome_code = ?
              and (asked_at is null or asked_at < ?)
            order by attempt_started_at fetch first ? rows only""")
        .params(ownerNode, ANSWER_LOST, utc(askedBefore), limit).query(DeliveryLedger::toDelivery).list();
  }

  /** The provider could not say whether it has this send of this node: asked again later. */
  public void askedWithoutVerdict(String deliveryId, String ownerNode) {
    jdbc.sql("""
            update tp_delivery set asked_at = current_timestamp
            where id = ? and owner_node = ? and outcome = 'SENDING'""")
        .params(deliveryId, ownerNode).update();
  }

  /** How many attempts of the send have been handed to its provider. */
  public int attempts(String deliveryId) {
    return jdbc.sql("select attempts from tp_delivery where id = ?").param(deliveryId).query(Integer.class).single();
  }

  /** A retry job hands the send back to a node's pipeline. */
  public boolean requeue(String deliveryId, String ownerNode) {
    return jdbc.sql("""
            update tp_delivery set outcome = 'QUEUED', owner_node = ?, updated_at = ?
            where id = ? and outcome = 'RETRYING'""")
        .params(ownerNode, utc(clock.instant()), deliveryId)
        .update() > 0;
  }

  /**
   * Takes over the unfinished sends of a node that stopped beating: QUEUED ones as they are, SENDING ones for
   * reconciliation (their provider may or may not have the message).
   *
   * @return the sends taken over, QUEUED and SENDING
   */
  public List<Delivery> takeOver(String deadNode, String ownerNode, int limit) {
    List<Delivery> held = jdbc.sql("""
            select * from tp_delivery where owner_node = ? and outcome in ('QUEUED', 'SENDING')
            order by created_at fetch first ? rows only""")
        .params(deadNode, limit).query(DeliveryLedger::toDelivery).list();
    List<Delivery> taken = new ArrayList<>();
    for (Delivery delivery : held) {
      boolean mine = jdbc.sql("update tp_delivery set owner_node = ?, updated_at = ? where id = ? and owner_node = ?")
          .params(ownerNode, utc(clock.instant()), delivery.id(), deadNode).update() > 0;
      if (mine) {
        taken.add(delivery);
      }
    }
    return taken;
  }

  /** A queued send of this node that is not to be made after all (its journey is gone). */
  public boolean skipQueued(String deliveryId, String ownerNode, String code, String reason) {
    return jdbc.sql("""
            update tp_delivery set outcome = 'SKIPPED', outcome_code = ?, outcome_reason = ?, owner_node = null,
              updated_at = ? where id = ? and owner_node = ? and outcome = 'QUEUED'""")
        .params(code, reason, utc(clock.instant()), deliveryId, ownerNode).update() > 0;
  }

  /** A send whose lost attempt turned out not to have reached its provider: queued again, for this node. */
  public boolean sendAgain(String deliveryId, String ownerNode) {
    return jdbc.sql("""
            update tp_delivery set outcome = 'QUEUED', updated_at = ?
            where id = ? and owner_node = ? and outcome = 'SENDING'""")
        .params(utc(clock.instant()), deliveryId, ownerNode).update() > 0;
  }

  /**
   * The database's clock, by which attempts and looks at the provider are timed: nodes judge each other's attempts,
   * and a node's own clock may be far from another's.
   */
  public Instant databaseNow() {
    return jdbc.sql("select current_timestamp").query(OffsetDateTime.class).single().toInstant();
  }

  /** When a send's latest attempt was handed to its provider, and how long ago that was, on the database's clock. */
  public record AttemptStart(Instant at, Duration ago) {
  }

  /** When each send's latest attempt was handed to its provider, by delivery id; sends never handed over are absent. */
  public Map<String, AttemptStart> attemptStarts(List<String> deliveryIds) {
    Map<String, AttemptStart> started = new HashMap<>();
    for (int from = 0; from < deliveryIds.size(); from += IDS_PER_STATEMENT) {
      jdbc.sql("""
              select id, attempt_started_at, current_timestamp from tp_delivery
              where id in (:ids) and attempt_started_at is not null""")
          .param("ids", deliveryIds.subList(from, Math.min(deliveryIds.size(), from + IDS_PER_STATEMENT)))
          .query((rs, row) -> {
            OffsetDateTime at = rs.getObject(2, OffsetDateTime.class);
            return Map.entry(rs.getString(1),
                new AttemptStart(at.toInstant(), Duration.between(at, rs.getObject(3, OffsetDateTime.class))));
          }).list()
          .forEach(entry -> started.put(entry.getKey(), entry.getValue()));
    }
    return started;
  }

  /**
   * This node's sends still SENDING although their attempt began before {@code startedBefore}, except those whose
   * provider could not say since {@code askedBefore}; both on the {@linkplain #databaseNow database's clock} (some of
   * the attempts may have been marked by another node).
   */
  public List<Delivery> sendingSince(String ownerNode, Instant startedBefore, Instant askedBefore, int limit) {
    return jdbc.sql("""
            select * from tp_delivery where owner_node = ? and outcome = 'SENDING' and attempt_started_at < ?
              and (asked_at is null or asked_at < ?)
            order by attempt_started_at fetch first ? rows only""")
        .params(ownerNode, utc(startedBefore), utc(askedBefore), limit).query(DeliveryLedger::toDelivery).list();
  }

  /**
   * This node's sends queued before {@code queuedBefore}, the oldest first: those its pipeline holds in memory and
   * any it turned away.
   */
  public List<Delivery> queuedFor(String ownerNode, Instant queuedBefore, int limit) {
    return jdbc.sql("""
            select * from tp_delivery where owner_node = ? and outcome = 'QUEUED' and updated_at < ?
            order by created_at fetch first ? rows only""")
        .params(ownerNode, utc(queuedBefore), limit).query(DeliveryLedger::toDelivery).list();
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
    // A send's row is written before its message leaves, so its lock covers every status it gets. A part of a send
    // to several addresses is written with the provider's answer, and a fast device's receipt may come before it:
    // such a status may be recorded twice at once, and only one wins.
    boolean serialised = jdbc.sql("select parent_id is null from tp_delivery where id = ? for update")
        .param(deliveryId).query(Boolean.class).optional().orElse(false);
    Set<DeliveryStatus> known = statuses(deliveryId);
    List<DeliveryStatus> added = new ArrayList<>();
    for (DeliveryStatus reached : status.withImplied()) {
      if (known.contains(reached)) {
        continue;
      }
      boolean implied = reached != status;
      Runnable insert = () -> jdbc.sql("""
              insert into tp_delivery_status (delivery_id, status, provider_status, error_code,
                implied, occurred_at, recorded_at) values (?, ?, ?, ?, ?, ?, ?)""")
          .params(deliveryId, reached.name(), implied ? null : providerStatus,
              implied ? null : errorCode, implied, utc(occurredAt), utc(clock.instant()))
          .update();
      if (serialised) {
        insert.run();
      } else if (!insertOnce.insert(insert)) {
        continue;
      }
      added.add(reached);
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
        rs.getString("execution_id"),
        rs.getString("activity_id"),
        rs.getString("contact_id"),
        Channel.valueOf(rs.getString("channel")),
        rs.getString("recipient"),
        rs.getString("provider"),
        rs.getString("provider_message_id"),
        Outcome.valueOf(rs.getString("outcome")),
        rs.getString("outcome_code"),
        rs.getString("outcome_reason"),
        rs.getString("parent_id"));
  }
}
