package io.touchpoint.provider.smtp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Touchpoint's own log of what the SMTP relay accepted, by delivery: SMTP has no API to ask later whether a message
 * arrived, so the sender writes each acceptance down the moment the relay answers, in its own short statement.
 */
public class SmtpAcceptanceLog {

  private final JdbcClient jdbc;
  private final Clock clock;

  public SmtpAcceptanceLog(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  void accepted(String deliveryId, String messageId) {
    jdbc.sql("insert into tp_smtp_acceptance (delivery_id, message_id, accepted_at) values (?, ?, ?)")
        .params(deliveryId, messageId, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
  }

  /** The Message-ID the relay accepted for this delivery, if it accepted one. */
  Optional<String> messageIdOf(String deliveryId) {
    return jdbc.sql("select message_id from tp_smtp_acceptance where delivery_id = ?")
        .param(deliveryId).query(String.class).optional();
  }
}
