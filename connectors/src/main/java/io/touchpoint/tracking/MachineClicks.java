package io.touchpoint.tracking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Clicks on an email's links by machines, kept apart from the CLICKED status so they neither move a
 * journey nor count as a reader's clicks, while analytics can still show them ({@code tp_machine_click});
 * and clicks too early to tell, held until their email's window closes ({@code tp_early_click}).
 * Links are kept as hashes: enough to tell them apart.
 */
public class MachineClicks {

  /** Why a click is a machine's. */
  public enum Reason {
    /** A known scanner's or proxy's user agent. */
    AGENT,
    /** One of several links of the email hit within seconds of its send. */
    PREFETCH
  }

  /** A click held until its email's window closes. */
  record HeldClick(String id, String deliveryId, String link, String userAgent, Instant clickedAt) {
  }

  /** An email with held clicks: when it was sent (if recorded yet) and its first held click. */
  record HeldEmail(String deliveryId, Instant sentAt, Instant firstClick) {
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public MachineClicks(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  void record(String deliveryId, String url, String userAgent, Reason reason, Instant at) {
    insertMachineClick(deliveryId, link(url), userAgent, reason, at);
  }

  void hold(String deliveryId, String url, String userAgent, Instant at) {
    jdbc.sql("insert into tp_early_click (id, delivery_id, link, user_agent, clicked_at) values (?, ?, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), deliveryId, link(url), agent(userAgent), utc(at)).update();
  }

  /** When the send was recorded, if it is yet. */
  Optional<Instant> sentAt(String deliveryId) {
    return jdbc.sql("select created_at from tp_delivery where id = ?").param(deliveryId)
        .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
  }

  /** Emails with a click held since before {@code clickedBefore}. */
  List<HeldEmail> heldSince(Instant clickedBefore) {
    return jdbc.sql("""
            select e.delivery_id, max(d.created_at) sent_at, min(e.clicked_at) first_click
            from tp_early_click e left join tp_delivery d on d.id = e.delivery_id
            group by e.delivery_id having min(e.clicked_at) <= ?""")
        .param(utc(clickedBefore))
        .query((rs, row) -> new HeldEmail(rs.getString(1),
            Optional.ofNullable(rs.getObject(2, OffsetDateTime.class)).map(OffsetDateTime::toInstant).orElse(null),
            rs.getObject(3, OffsetDateTime.class).toInstant()))
        .list();
  }

  List<HeldClick> held(String deliveryId) {
    return jdbc.sql("select * from tp_early_click where delivery_id = ? order by clicked_at").param(deliveryId)
        .query((rs, row) -> new HeldClick(rs.getString("id"), deliveryId, rs.getString("link"),
            rs.getString("user_agent"), rs.getObject("clicked_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** Turns held clicks into a scanner's; each only once, however many nodes decide at the same time. */
  void flagAsPrefetch(List<HeldClick> clicks) {
    transaction.executeWithoutResult(tx -> clicks.forEach(click -> {
      if (release(click)) {
        insertMachineClick(click.deliveryId(), click.link(), click.userAgent(), Reason.PREFETCH, click.clickedAt());
      }
    }));
  }

  /** @return whether the click was still held */
  boolean release(HeldClick click) {
    return jdbc.sql("delete from tp_early_click where id = ?").param(click.id()).update() > 0;
  }

  public int count(String deliveryId) {
    return jdbc.sql("select count(*) from tp_machine_click where delivery_id = ?").param(deliveryId)
        .query(Integer.class).single();
  }

  private void insertMachineClick(String deliveryId, String link, String userAgent, Reason reason, Instant at) {
    jdbc.sql("insert into tp_machine_click (delivery_id, link, user_agent, reason, clicked_at) values (?, ?, ?, ?, ?)")
        .params(deliveryId, link, agent(userAgent), reason.name(), utc(at)).update();
  }

  private static String link(String url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String agent(String userAgent) {
    return userAgent == null || userAgent.length() <= 300 ? userAgent : userAgent.substring(0, 300);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
