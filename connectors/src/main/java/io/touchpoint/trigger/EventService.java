package io.touchpoint.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.store.InsertOnce;
import io.touchpoint.trigger.EventResult.Skipped;
import io.touchpoint.trigger.EventResult.Started;
import io.touchpoint.trigger.JourneyCatalog.JourneyStart;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a business event: resumes the contact's journeys that wait for it, then starts every
 * journey that listens to it. One event is one transaction, so it happens whole or not at all,
 * and its id makes a repeat a no-op that answers the same.
 */
public class EventService {

  private final JourneyCatalog catalog;
  private final JourneyEntries entries;
  private final RuntimeService runtimeService;
  private final JdbcClient jdbc;
  private final InsertOnce insertOnce;
  private final TransactionTemplate transaction;
  private final ObjectMapper mapper;
  private final Clock clock;

  public EventService(JourneyCatalog catalog, JourneyEntries entries, RuntimeService runtimeService, JdbcClient jdbc,
      InsertOnce insertOnce, PlatformTransactionManager transactionManager, ObjectMapper mapper, Clock clock) {
    this.catalog = catalog;
    this.entries = entries;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
    this.insertOnce = insertOnce;
    this.transaction = new TransactionTemplate(transactionManager);
    this.mapper = mapper;
    this.clock = clock;
  }

  public EventResult accept(JourneyEvent event) {
    return transaction.execute(tx -> {
      String eventId = event.id() != null ? event.id() : UUID.randomUUID().toString();
      if (event.id() != null && !claim(event)) {
        return previousResult(eventId);
      }
      EventResult result = apply(eventId, event);
      jdbc.sql("update tp_event set result = ? where id = ?").params(toJson(result), eventId).update();
      return result;
    });
  }

  private EventResult apply(String eventId, JourneyEvent event) {
    String contactId = event.contact().id();
    Map<String, Object> variables = processVariables(event);
    List<String> resumed = runtimeService
        .createMessageCorrelation(StatusMessages.businessEventMessageName(event.name(), contactId))
        .setVariables(variables)
        .correlateAllWithResult().stream()
        .map(MessageCorrelationResult::getExecution)
        .map(execution -> execution.getProcessInstanceId())
        .distinct().toList();
    List<Started> started = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (JourneyStart journey : catalog.startingOn(event.name())) {
      JourneyEntries.Entry entry = entries.enter(journey, contactId, variables);
      if (entry.processInstanceId() != null) {
        started.add(new Started(journey.journeyKey(), entry.processInstanceId()));
      } else {
        skipped.add(new Skipped(journey.journeyKey(), entry.skipReason()));
      }
    }
    return new EventResult(eventId, started, resumed, skipped);
  }

  /** JSON objects and arrays in {@code data} are kept as JSON text: the engine stores no maps by default. */
  private Map<String, Object> processVariables(JourneyEvent event) {
    Map<String, Object> variables = new LinkedHashMap<>();
    event.variables().forEach((name, value) ->
        variables.put(name, value instanceof Map<?, ?> || value instanceof List<?> ? toJson(value) : value));
    return variables;
  }

  private boolean claim(JourneyEvent event) {
    return insertOnce.insert(() -> jdbc.sql("""
            insert into tp_event (id, name, contact_id, received_at, result) values (?, ?, ?, ?, '')""")
        .params(event.id(), event.name(), event.contact().id(),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .update());
  }

  private EventResult previousResult(String eventId) {
    String json = jdbc.sql("select result from tp_event where id = ?").param(eventId).query(String.class).single();
    try {
      return mapper.readValue(json, EventResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("TOUCHPOINT-EVENT-001 stored result of event " + eventId + " is unreadable", e);
    }
  }

  private String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
