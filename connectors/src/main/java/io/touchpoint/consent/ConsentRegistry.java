package io.touchpoint.consent;

import io.touchpoint.delivery.Channel;
import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who asked not to be contacted on which channel, by address (a phone number for SMS). */
public class ConsentRegistry {

  /** tp_opt_out.keyword */
  private static final int MAX_KEYWORD_LENGTH = 50;

  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final Clock clock;

  public ConsentRegistry(JdbcClient jdbc, InsertOnce insertOnce, Clock clock) {
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.clock = clock;
  }

  public boolean isOptedOut(Channel channel, String address) {
    return address != null && jdbc.sql("select count(*) from tp_opt_out where channel = ? and address = ?")
        .params(channel.name(), address).query(Integer.class).single() > 0;
  }

  /** @param keyword what opted the address out (the message, a reason), kept cut to its column */
  public void optOut(Channel channel, String address, String keyword) {
    String reason = keyword != null && keyword.length() > MAX_KEYWORD_LENGTH
        ? keyword.substring(0, MAX_KEYWORD_LENGTH) : keyword;
    insertOnce.insert(() -> jdbc.sql("insert into tp_opt_out (channel, address, keyword, created_at) values (?, ?, ?, ?)")
        .params(channel.name(), address, reason, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
  }

  public void optIn(Channel channel, String address) {
    jdbc.sql("delete from tp_opt_out where channel = ? and address = ?").params(channel.name(), address).update();
  }
}
