package io.touchpoint.consent;

import io.touchpoint.delivery.Channel;
import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who asked not to be contacted on which channel, by address (a phone number for SMS). The opt-out of an erased
 * contact stays effective without keeping the address: it is kept as its {@link ErasedAddress hash}, and an address
 * is opted out when it or its hash is listed.
 */
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
    return address != null && jdbc.sql("select count(*) from tp_opt_out where channel = ? and address in (?, ?)")
        .params(channel.name(), address, ErasedAddress.of(channel, address)).query(Integer.class).single() > 0;
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
    jdbc.sql("delete from tp_opt_out where channel = ? and address in (?, ?)")
        .params(channel.name(), address, ErasedAddress.of(channel, address)).update();
  }

  /**
   * Forgets these addresses but not their opt-outs: each opt-out of one of them is kept under the address's hash.
   * Answers how many opt-outs were kept so.
   */
  public int forget(Collection<String> addresses) {
    if (addresses.isEmpty()) {
      return 0;
    }
    List<OptOut> optOuts = jdbc.sql("select channel, address, keyword, created_at from tp_opt_out where address in (:addresses)")
        .param("addresses", addresses)
        .query((rs, row) -> new OptOut(Channel.valueOf(rs.getString("channel")), rs.getString("address"),
            rs.getString("keyword"), rs.getObject("created_at", OffsetDateTime.class)))
        .list();
    for (OptOut optOut : optOuts) {
      insertOnce.insert(() -> jdbc.sql("insert into tp_opt_out (channel, address, keyword, created_at) values (?, ?, ?, ?)")
          .params(optOut.channel().name(), ErasedAddress.of(optOut.channel(), optOut.address()), optOut.keyword(),
              optOut.createdAt())
          .update());
      jdbc.sql("delete from tp_opt_out where channel = ? and address = ?")
          .params(optOut.channel().name(), optOut.address()).update();
    }
    return optOuts.size();
  }

  private record OptOut(Channel channel, String address, String keyword, OffsetDateTime createdAt) {
  }
}
