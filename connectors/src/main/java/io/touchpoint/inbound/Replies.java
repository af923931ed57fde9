package io.touchpoint.inbound;

import io.touchpoint.correlation.StatusVariables;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a contact answered to a delivery, as process variables for the journey that waits for
 * the reply: {@code replyText} and {@code replyPayload} (the pressed button's payload), so a
 * gateway can branch on the answer.
 */
public class Replies implements StatusVariables {

  public static final String TEXT = "replyText";
  public static final String PAYLOAD = "replyPayload";

  private final JdbcClient jdbc;

  public Replies(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A reply brings its text and payload along; other statuses bring nothing. */
  @Override
  public Map<String, Object> of(String deliveryId, DeliveryStatus status) {
    return status == DeliveryStatus.REPLIED ? latestReplyTo(deliveryId) : Map.of();
  }

  public Map<String, Object> latestReplyTo(String deliveryId) {
    return jdbc.sql("""
            select body, payload from tp_inbound_message where delivery_id = ?
            order by received_at desc, id desc fetch first 1 rows only""")
        .param(deliveryId)
        .query((rs, row) -> {
          Map<String, Object> variables = new HashMap<>();
          variables.put(TEXT, rs.getString("body"));
          variables.put(PAYLOAD, rs.getString("payload"));
          return variables;
        })
        .optional().orElseGet(Map::of);
  }
}
