package io.touchpoint.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit log of operators' actions on journeys ({@code tp_operator_action}), with the instances each touched. */
public class OperatorActions {

  private final JdbcClient jdbc;

  public OperatorActions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @param instances the journey instances acted on: process instance id to contact id */
  public void record(OperatorAction action, Map<String, String> instances) {
    jdbc.sql("""
            insert into tp_operator_action (id, journey_key, action, step, target, from_version, to_version, contacts,
              batch_ids, requested_by, reason, requested_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(action.id(), action.journeyKey(), action.action(), action.step(), action.target(),
            action.fromVersion(), action.toVersion(), action.contacts(), String.join(",", action.batchIds()), action.requestedBy(),
            action.reason(), utc(action.requestedAt()))
        .update();
    instances.forEach((processInstanceId, contactId) -> jdbc.sql("""
            insert into tp_operator_action_instance (action_id, process_instance_id, contact_id) values (?, ?, ?)""")
        .params(action.id(), processInstanceId, contactId).update());
  }

  public Optional<OperatorAction> find(String journeyKey, String id) {
    return jdbc.sql("select * from tp_operator_action where journey_key = ? and id = ?").params(journeyKey, id)
        .query(OperatorActions::row).optional();
  }

  /** The journey's actions, latest first. */
  public List<OperatorAction> of(String journeyKey, int limit) {
    return jdbc.sql("""
            select * from tp_operator_action where journey_key = ? order by requested_at desc, id
            fetch first ? rows only""")
        .params(journeyKey, limit).query(OperatorActions::row).list();
  }

  /** The instances an action was applied to: process instance id to contact id. */
  public Map<String, String> instances(String actionId) {
    Map<String, String> instances = new LinkedHashMap<>();
    jdbc.sql("select process_instance_id, contact_id from tp_operator_action_instance where action_id = ?")
        .param(actionId).query(rs -> {
          instances.put(rs.getString(1), rs.getString(2));
        });
    return instances;
  }

  private static OperatorAction row(ResultSet rs, int row) throws SQLException {
    return new OperatorAction(rs.getString("id"), rs.getString("journey_key"), rs.getString("action"),
        rs.getString("step"), rs.getString("target"), (Integer) rs.getObject("from_version"),
        (Integer) rs.getObject("to_version"), rs.getInt("contacts"), rs.getString("batch_ids").isEmpty() ? List.of()
            : List.of(rs.getString("batch_ids").split(",")),
        rs.getString("requested_by"), rs.getString("reason"),
        rs.getObject("requested_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
