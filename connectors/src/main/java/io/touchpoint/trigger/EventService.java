package io.touchpoint.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.correlation.StatusMessages;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.trigger.EventResult.Skipped;
import io.touchpoint.trigger.EventResult.Started;
import io.touchpoint.trigger.JourneyCatalog.JourneyStart;
import io.touchpoint.trigger.JourneyCatalog.Starts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a business event: resumes the contact's journeys that wait for it, then starts every journey that listens
 * to it. One event is one transaction (a slice of a launch's events shares one), so it happens whole or not at all;
 * its id is recorded with the answer in that transaction, so a repeat — even a concurrent one, which loses on the
 * id's key and is rolled back — changes nothing and answers the same. An answer too long to remember whole
 * ({@code tp_event.result}) is remembered shortened: the first entries that fit and how many were left out.
 */
public class EventService {

  private static final int ATTEMPTS = 3;
  /** The length of {@code tp_event.result}. */
  static final int REMEMBERED_LENGTH = 8000;

  private final JourneyCatalog catalog;
  private final JourneyEntries entries;
  private final RuntimeService runtimeService;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final List<BusinessEventObserver> observers;
  private final Supplier<CommandExecutor> engineCommands;

  /** @param engineCommands the engine's commands that join a running transaction; asked on first use */
  public EventService(JourneyCatalog catalog, JourneyEntries entries, RuntimeService runtimeService, JdbcClient jdbc,
      PlatformTransactionManager transactionManager, ObjectMapper mapper, Clock clock,
      List<BusinessEventObserver> observers, Supplier<CommandExecutor> engineCommands) {
    this.catalog = catalog;
    this.entries = entries;
    this.runtimeService = runtimeService;
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.mapper = mapper;
    this.clock = clock;
    this.observers = List.copyOf(observers);
    this.engineCommands = engineCommands;
  }

  /** What an event did, and which launch accepted it first (null: a single event). */
  public record Acceptance(EventResult result, boolean repeat, String launchId) {
  }

  public EventResult accept(JourneyEvent event) {
    return accept(event, null).result();
  }

  /**
   * Applies an event once: the same id again answers what the first application did.
   *
   * @param launchId the launch the event came in, or null
   */
  public Acceptance accept(JourneyEvent event, String launchId) {
    String eventId = event.id() != null ? event.id() : UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      Optional<Acceptance> previous = event.id() == null ? Optional.empty() : previousResult(eventId);
      if (previous.isPresent()) {
        return previous.get();
      }
      try {
        return transaction.execute(tx -> applyAndRemember(eventId, event, launchId, catalog.starts(),
            this::awaited));
      } catch (DuplicateKeyException concurrent) {
        // the same event id, or the same contact entering the same journey, committed by another
        // request at the same moment: nothing of ours was kept; look again
        if (attempt == ATTEMPTS) {
          throw concurrent;
        }
      }
    }
  }

  /**
   * Applies events of a launch, each of another contact, in one transaction and one engine command, as
   * {@link #accept(JourneyEvent, String)} would one after the other, for a fraction of the round trips: one look for
   * the ids accepted before, one at the catalog, one for the journeys waiting for any of the events, one flush of
   * the journeys they start (the engine batches the inserts of the same kind), one commit. The contacts differ, so
   * no event depends on what another of the slice did (a contact named twice is refused). It fails whole when one
   * event fails (an id or an entry committed elsewhere at the same moment); the caller then applies them one by one.
   *
   * @return what each event did, in the events' order
   */
  public List<Acceptance> acceptAll(List<JourneyEvent> events, String launchId) {
    if (events.stream().map(event -> event.contact().id()).distinct().count() < events.size()) {
      throw new IllegalArgumentException("a slice of events names a contact twice");
    }
    Map<String, Acceptance> previous = previousResults(events.stream().map(JourneyEvent::id)
        .filter(Objects::nonNull).distinct().toList());
    return transaction.execute(tx -> engineCommands.get().execute(commandContext -> {
      Starts starts = catalog.starts();
      Set<String> awaited = awaitedAmong(events.stream()
          .map(event -> StatusMessages.businessEventMessageName(event.name(), event.contact().id())).toList());
      List<Acceptance> acceptances = new ArrayList<>();
      for (JourneyEvent event : events) {
        Acceptance before = event.id() == null ? null : previous.get(event.id());
        try {
          acceptances.add(before != null ? before : applyAndRemember(
              event.id() != null ? event.id() : UUID.randomUUID().toString(), event, launchId, starts,
              awaited::contains));
        } catch (DuplicateKeyException concurrent) {
          // an expected conflict, which the engine logs as such (at debug) instead of as an error of its command
          throw new OptimisticLockingException("event " + event.id() + " or contact " + event.contact().id()
              + " was applied elsewhere at the same moment", concurrent);
        }
      }
      return acceptances;
    }));
  }

  private Acceptance applyAndRemember(String eventId, JourneyEvent event, String launchId, Starts starts,
      Predicate<String> awaited) {
    EventResult result = apply(eventId, event, starts, awaited);
    if (event.id() != null) {
      remember(event, result, launchId);
    }
    return new Acceptance(result, false, launchId);
  }

  private EventResult apply(String eventId, JourneyEvent event, Starts starts, Predicate<String> awaited) {
    String contactId = event.contact().id();
    observers.forEach(observer -> observer.accepted(event.name(), contactId));
    Map<String, Object> variables = processVariables(event);
    String messageName = StatusMessages.businessEventMessageName(event.name(), contactId);
    List<String> resumed = awaited.test(messageName) ? resume(messageName, contactId, variables) : List.of();
    List<Started> started = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (JourneyStart journey : starts.on(event.name())) {
      JourneyEntries.Entry entry = entries.enter(journey, contactId, variables);
      if (entry.processInstanceId() != null) {
        started.add(new Started(journey.journeyKey(), entry.processInstanceId(), journey.shadow()));
      } else {
        skipped.add(new Skipped(journey.journeyKey(), entry.skipReason()));
      }
    }
    return new EventResult(eventId, started, resumed, skipped);
  }

  /**
   * Whether a journey waits for this event of this contact. Most events (a campaign's above all) find none; one
   * indexed look at the subscriptions answers that for a fraction of what the engine's correlation costs.
   */
  private boolean awaited(String messageName) {
    return !awaitedAmong(List.of(messageName)).isEmpty();
  }

  private Set<String> awaitedAmong(List<String> messageNames) {
    return new HashSet<>(jdbc.sql("select distinct EVENT_NAME_ from ACT_RU_EVENT_SUBSCR where EVENT_NAME_ in (:names)")
        .param("names", messageNames).query(String.class).list());
  }

  /** Correlates the event to the contact's journeys that wait for it. */
  private List<String> resume(String messageName, String contactId, Map<String, Object> variables) {
    return runtimeService.createMessageCorrelation(messageName)
        .processInstanceBusinessKey(contactId)
        .setVariables(variables)
        .correlateAllWithResult().stream()
        .map(MessageCorrelationResult::getExecution)
        .map(execution -> execution.getProcessInstanceId())
        .distinct().toList();
  }

  /** JSON objects and arrays in {@code data} are kept as JSON text: the engine stores no maps by default. */
  private Map<String, Object> processVariables(JourneyEvent event) {
    Map<String, Object> variables = new LinkedHashMap<>();
    event.variables().forEach((name, value) ->
        variables.put(name, value instanceof Map<?, ?> || value instanceof List<?> ? toJson(value) : value));
    return variables;
  }

  private void remember(JourneyEvent event, EventResult result, String launchId) {
    jdbc.sql("insert into tp_event (id, name, contact_id, received_at, result, launch_id) values (?, ?, ?, ?, ?, ?)")
        .params(event.id(), event.name(), event.contact().id(),
            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), remembered(result), launchId)
        .update();
  }

  /** The answer as JSON, shortened to the most entries that fit if it is too long. */
  private String remembered(EventResult result) {
    String whole = toJson(result);
    if (whole.length() <= REMEMBERED_LENGTH) {
      return whole;
    }
    int fits = 0;
    int tooMany = result.entries();
    while (tooMany - fits > 1) {
      int kept = (fits + tooMany) >>> 1;
      if (toJson(result.firstEntries(kept)).length() <= REMEMBERED_LENGTH) {
        fits = kept;
      } else {
        tooMany = kept;
      }
    }
    return toJson(result.firstEntries(fits));
  }

  private Optional<Acceptance> previousResult(String eventId) {
    return Optional.ofNullable(previousResults(List.of(eventId)).get(eventId));
  }

  /** The answers remembered for these event ids, by id. */
  private Map<String, Acceptance> previousResults(List<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Map.of();
    }
    Map<String, Acceptance> previous = new HashMap<>();
    jdbc.sql("select id, result, launch_id from tp_event where id in (:ids)").param("ids", eventIds)
        .query(rs -> {
          String eventId = rs.getString(1);
          try {
            previous.put(eventId, new Acceptance(mapper.readValue(rs.getString(2), EventResult.class), true,
                rs.getString(3)));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(ErrorCode.EVENT_001 + " stored result of event " + eventId
                + " is unreadable", e);
          }
        });
    return previous;
  }

  private String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
