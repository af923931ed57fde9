package io.touchpoint.channel.webhook;

import io.touchpoint.delivery.Delivery;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook calls in {@code tp_webhook_call}, each attempt as it is made (the pipeline calls outside transactions). */
public class WebhookCallLedger implements WebhookCalls {

  private final JdbcClient jdbc;
  private final Clock clock;

  public WebhookCallLedger(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public void record(Delivery call, int httpStatus, String errorCode) {
    jdbc.sql("""
            insert into tp_webhook_call (id, journey_key, process_instance_id, activity_id, http_status,
              error_code, called_at) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), call.journeyKey(), call.processInstanceId(), call.activityId(),
            httpStatus, errorCode, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update();
  }
}
