package io.touchpoint.governor;

import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The providers' shared budgets and pauses ({@code tp_provider_throttle}, {@code tp_provider_grant}), decided under
 * the provider's row lock so that nodes take turns.
 *
 * <p><b>Why no window holds more than the count.</b> Let W be the window, V the lease validity and M the margin. A
 * grant recorded at time g is used by its node only in [g, g + V) (the node measures V from before it asked, and
 * calls only after the grant committed), and its calls reach the provider within M of being made. Grant times are
 * recorded in lock order, never earlier than a previous grant's. A grant of k tokens at time t is made only if the
 * tokens of all grants recorded after t - (W + V + M), plus k, are at most the count. Take any window [s, s + W] at
 * the provider: only grants with g in (s - V - M, s + W] can have calls in it. Of those, the last one, at L &lt;= s +
 * W, was granted with all the others in its look-back, since each of them has g &gt; s - V - M &gt;= L - (W + V + M).
 * So their tokens, and hence the calls in the window, are at most the count. M covers the time from a node's turn to
 * the provider's receipt and the clock difference between nodes.
 */
public class ProviderBudget {

  /**
   * What a node was given: {@code tokens} of grant {@code id}, or none, with the moment worth asking again
   * ({@code retryAt}) or the pause that is on ({@code pausedUntil}).
   */
  public record Grant(String id, int tokens, Instant retryAt, Instant pausedUntil) {
  }

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;

  public ProviderBudget(JdbcClient jdbc, InsertOnce insertOnce, PlatformTransactionManager transactionManager,
      Clock clock) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
  }

  /**
   * Takes up to {@code wanted} tokens for this node, first closing its previous grant at the tokens it used.
   *
   * @param previous the node's last grant, no longer to be used, or null
   */
  public Grant lease(ProviderRateLimit limit, Duration margin, String nodeId, int wanted, String previous,
      int previousUsed) {
    return ownTransaction.execute(tx -> {
      Instant pausedUntil = lockRow(limit.provider()).pausedUntil();
      if (previous != null) {
        jdbc.sql("update tp_provider_grant set tokens = ? where id = ? and tokens > ?")
            .params(previousUsed, previous, previousUsed).update();
      }
      Instant now = clock.instant();
      if (pausedUntil != null && pausedUntil.isAfter(now)) {
        return new Grant(null, 0, null, pausedUntil);
      }
      OffsetDateTime latest = jdbc.sql("select max(granted_at) from tp_provider_grant where provider = ?")
          .param(limit.provider()).query(OffsetDateTime.class).list().get(0);
      if (latest != null && latest.toInstant().isAfter(now)) {
        now = latest.toInstant(); // grant times never go backwards, whatever this node's clock says
      }
      Duration lookBack = limit.window().plus(limit.leaseValidity()).plus(margin);
      record Given(Instant at, int tokens) {
      }
      List<Given> recent = jdbc.sql("select granted_at, tokens from tp_provider_grant where provider = ? "
              + "and granted_at > ? and tokens > 0 order by granted_at")
          .params(limit.provider(), utc(now.minus(lookBack)))
          .query((rs, row) -> new Given(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2))).list();
      int given = recent.stream().mapToInt(Given::tokens).sum();
      int free = limit.count() - given;
      if (free <= 0) {
        // a token frees up once enough of the oldest grants have left the look-back
        int over = given - limit.count() + 1;
        Instant retryAt = now;
        for (Given grant : recent) {
          over -= grant.tokens();
          if (over <= 0) {
            retryAt = grant.at().plus(lookBack);
            break;
          }
        }
        return new Grant(null, 0, retryAt, null);
      }
      String id = UUID.randomUUID().toString();
      int tokens = Math.min(wanted, free);
      jdbc.sql("insert into tp_provider_grant (id, provider, node_id, granted_at, tokens) values (?, ?, ?, ?, ?)")
          .params(id, limit.provider(), nodeId, utc(now), tokens).update();
      jdbc.sql("delete from tp_provider_grant where provider = ? and granted_at < ?")
          .params(limit.provider(), utc(now.minus(lookBack.multipliedBy(2)))).update();
      return new Grant(id, tokens, null, null);
    });
  }

  /**
   * Pauses a provider for every node after it answered 429: for its Retry-After, else for a backoff that doubles
   * (from {@code firstBackoff} up to {@code longestBackoff}) while 429s follow each other, and starts again at
   * {@code firstBackoff} once calls went through for as long as the last backoff. A pause already on is not
   * shortened, and a 429 to a call made before the pause began does not lengthen it.
   *
   * @return when the pause ends
   */
  public Instant pause(String provider, Optional<Duration> retryAfter, Duration firstBackoff,
      Duration longestBackoff) {
    return ownTransaction.execute(tx -> {
      Throttle row = lockRow(provider);
      Instant now = clock.instant();
      Instant until;
      Duration backoff = row.backoff();
      if (retryAfter.isPresent()) {
        until = now.plus(retryAfter.get());
      } else if (row.pausedUntil() != null && row.pausedUntil().isAfter(now)) {
        return row.pausedUntil();
      } else {
        boolean again = row.pausedUntil() != null && now.isBefore(row.pausedUntil().plus(backoff));
        backoff = again ? min(backoff.multipliedBy(2), longestBackoff) : firstBackoff;
        until = now.plus(backoff);
      }
      if (row.pausedUntil() != null && row.pausedUntil().isAfter(until)) {
        until = row.pausedUntil();
      }
      jdbc.sql("update tp_provider_throttle set paused_until = ?, backoff_millis = ? where provider = ?")
          .params(utc(until), backoff.toMillis(), provider).update();
      return until;
    });
  }

  /** When the provider's pause ends, if one was ever set (it may be over). */
  public Optional<Instant> pausedUntil(String provider) {
    return jdbc.sql("select paused_until from tp_provider_throttle where provider = ?").param(provider)
        .query(OffsetDateTime.class).list().stream().filter(java.util.Objects::nonNull).findFirst()
        .map(OffsetDateTime::toInstant);
  }

  private record Throttle(Instant pausedUntil, Duration backoff) {
  }

  private Throttle lockRow(String provider) {
    insertOnce.insert(() -> jdbc.sql("insert into tp_provider_throttle (provider, backoff_millis) select ?, 0 "
        + "where not exists (select 1 from tp_provider_throttle where provider = ?)").params(provider, provider)
        .update());
    return jdbc.sql("select paused_until, backoff_millis from tp_provider_throttle where provider = ? for update")
        .param(provider)
        .query((rs, row) -> {
          OffsetDateTime until = rs.getObject(1, OffsetDateTime.class);
          return new Throttle(until == null ? null : until.toInstant(), Duration.ofMillis(rs.getLong(2)));
        }).single();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
