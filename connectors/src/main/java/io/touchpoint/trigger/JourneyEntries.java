package io.touchpoint.trigger;

import io.touchpoint.journey.ReentryRule;
import io.touchpoint.trigger.JourneyCatalog.JourneyStart;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Starts a journey for a contact if its re-entry rule allows. The contact's entry row is locked
 * (or, the first time, inserted) in the event's transaction, so two events for one contact on two
 * nodes cannot both start the same journey.
 */
public class JourneyEntries {

  /** A start that happened, or the reason it did not. */
  public record Entry(String processInstanceId, String skipReason) {
  }

  private final JdbcClient jdbc;
  private final RuntimeService runtimeService;
  private final Clock clock;

  public JourneyEntries(JdbcClient jdbc, RuntimeService runtimeService, Clock clock) {
    this.jdbc = jdbc;
    this.runtimeService = runtimeService;
    this.clock = clock;
  }

  /**
   * Must run inside a transaction: the entry row stays locked until it commits. A contact's first
   * entry inserts the row; if another node inserted it at the same moment, the insert fails with
   * {@link org.springframework.dao.DuplicateKeyException} and the caller applies the event again.
   */
  public Entry enter(JourneyStart journey, String contactId, Map<String, Object> variables) {
    Optional<String> previous = jdbc.sql("""
            select process_instance_id from tp_journey_entry
            where journey_key = ? and contact_id = ? for update""")
        .params(journey.entryKey(), contactId).query(String.class).optional();
    if (previous.isPresent()) {
      Optional<String> refusal = refusal(journey.reentry(), previous.get());
      if (refusal.isPresent()) {
        return new Entry(null, refusal.get());
      }
    }
    String processInstanceId = runtimeService.startProcessInstanceById(journey.definitionId(), contactId,
        Variables.fromMap(variables)).getId();
    if (previous.isPresent()) {
      jdbc.sql("""
              update tp_journey_entry set process_instance_id = ?, entered_at = ?
              where journey_key = ? and contact_id = ?""")
          .params(processInstanceId, now(), journey.entryKey(), contactId).update();
    } else {
      jdbc.sql("""
              insert into tp_journey_entry (journey_key, contact_id, process_instance_id, entered_at)
              values (?, ?, ?, ?)""")
          .params(journey.entryKey(), contactId, processInstanceId, now()).update();
    }
    return new Entry(processInstanceId, null);
  }

  private Optional<String> refusal(ReentryRule rule, String previousInstanceId) {
    return switch (rule) {
      case ALWAYS -> Optional.empty();
      case ONCE -> Optional.of("already entered once");
      case NOT_WHILE_ACTIVE -> runtimeService.createProcessInstanceQuery()
          .processInstanceId(previousInstanceId).count() > 0
          ? Optional.of("already in this journey") : Optional.empty();
    };
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
