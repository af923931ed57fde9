package io.touchpoint.governor;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Emergency stops in the database, so every node holds the same sends. */
public class Pauses {

  private final JdbcClient jdbc;
  private final Clock clock;

  public Pauses(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Pause start(String scope, String reason) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    jdbc.sql("insert into tp_governor_pause (id, scope, reason, created_at) values (?, ?, ?, ?)")
        .params(id, scope, reason, now).update();
    return new Pause(id, scope, reason, now.toInstant());
  }

  /** @return whether an active pause of that id was lifted */
  boolean lift(String id) {
    return jdbc.sql("update tp_governor_pause set lifted_at = ? where id = ? and lifted_at is null")
        .params(now(), id).update() > 0;
  }

  public List<Pause> active() {
    return jdbc.sql("select id, scope, reason, created_at from tp_governor_pause where lifted_at is null "
            + "order by created_at")
        .query((rs, row) -> new Pause(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class).toInstant()))
        .list();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
