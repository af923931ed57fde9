package io.touchpoint.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Provider status reports, stored as received before anything acts on them. */
public class StatusReportInbox {

  /** A stored report, with the delivery it was matched to (null while unmatched). */
  public record StoredReport(String id, StatusReport report, String deliveryId) {
  }

  private final JdbcClient jdbc;
  private final Clock clock;

  public StatusReportInbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** @param deliveryId the delivery the report is about, or null while its send is not known */
  public String store(StatusReport report, String deliveryId) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
            insert into tp_status_report (id, provider, provider_message_id, status, provider_status,
              error_code, channel_used, occurred_at, received_at, delivery_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, report.provider(), report.providerMessageId(), report.status().name(),
            report.providerStatus(), report.errorCode(),
            report.channelUsed() == null ? null : report.channelUsed().name(),
            DeliveryLedger.utc(report.occurredAt()), DeliveryLedger.utc(clock.instant()), deliveryId)
        .update();
    return id;
  }

  public void markMatched(String reportId, String deliveryId) {
    jdbc.sql("update tp_status_report set delivery_id = ? where id = ?")
        .params(deliveryId, reportId).update();
  }

  /** Reports that arrived for this provider message before the send recorded its id. */
  public List<StoredReport> unmatched(String provider, String providerMessageId) {
    return jdbc.sql("""
            select * from tp_status_report
            where provider = ? and provider_message_id = ? and delivery_id is null
            order by occurred_at""")
        .params(provider, providerMessageId)
        .query(StatusReportInbox::toStored).list();
  }

  /**
   * The same for many provider messages of one provider in one round trip, by provider message id: after a batch
   * of answers, usually none.
   */
  public Map<String, List<StoredReport>> unmatchedAmong(String provider, Collection<String> providerMessageIds) {
    if (providerMessageIds.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("""
            select * from tp_status_report
            where provider = :provider and provider_message_id in (:ids) and delivery_id is null
            order by occurred_at""")
        .param("provider", provider).param("ids", providerMessageIds)
        .query(StatusReportInbox::toStored).list().stream()
        .collect(Collectors.groupingBy(stored -> stored.report().providerMessageId(), LinkedHashMap::new,
            Collectors.toList()));
  }

  /**
   * Reports of the last day still unmatched although a send has recorded their provider's id since, the longest
   * waiting first, by the delivery they belong to: what the look after an answer's commit would have applied, had it
   * run. Older unmatched reports are about messages Touchpoint did not send (kept until retention removes them), so
   * they are not looked at again and again.
   */
  public Map<String, List<StoredReport>> unmatchedOfRecordedSends(int limit) {
    return jdbc.sql("""
            select r.*, d.id matching_delivery_id from tp_status_report r
            join tp_delivery d on d.provider = r.provider and d.provider_message_id = r.provider_message_id
            where r.delivery_id is null and r.received_at >= ?
            order by r.received_at
            fetch first ? rows only""")
        .params(DeliveryLedger.utc(clock.instant().minus(Duration.ofDays(1))), limit)
        .query((rs, row) -> Map.entry(rs.getString("matching_delivery_id"), toStored(rs, row))).list().stream()
        .collect(Collectors.groupingBy(Map.Entry::getKey, LinkedHashMap::new,
            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
  }

  /** The provider's id for a send, from a report whose callback named the send (before its answer was recorded). */
  public Optional<String> providerMessageIdReportedFor(String deliveryId) {
    return jdbc.sql("select provider_message_id from tp_status_report where delivery_id = ?").param(deliveryId)
        .query(String.class).list().stream().findFirst();
  }

  private static StoredReport toStored(ResultSet rs, int row) throws SQLException {
    return new StoredReport(rs.getString("id"), new StatusReport(
        rs.getString("provider"),
        rs.getString("provider_message_id"),
        DeliveryStatus.valueOf(rs.getString("status")),
        rs.getString("provider_status"),
        rs.getString("error_code"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("channel_used") == null ? null : Channel.valueOf(rs.getString("channel_used"))),
        rs.getString("delivery_id"));
  }
}
