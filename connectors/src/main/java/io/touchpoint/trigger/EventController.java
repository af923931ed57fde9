package io.touchpoint.trigger;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.api.StrictJsonReader.Element;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events} and {@code /api/events/batch}: business events in, journeys out. Bodies are JSON (else
 * 415), read up to their limit ({@code touchpoint.api.max-body-size}, {@code …max-batch-body-size}; else 413).
 */
@RestController
public class EventController {

  /** Events one batch may hold. */
  public static final int MAX_BATCH_EVENTS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(EventController.class);

  /**
   * What a batch did, event by event: the events applied (with their position in the batch) and the problems of
   * those that were not, each named by its position ({@code events[3].contact.phone}).
   */
  public record BatchResult(List<Applied> results, List<Refused> errors) {
  }

  /** An event of the batch that was applied. */
  public record Applied(int index, @JsonUnwrapped EventResult result) {
  }

  /** One problem of an event of the batch that was not applied. */
  public record Refused(int index, String field, String problem) {
  }

  private final EventService events;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;
  private final DataSize maxBatchBodySize;

  public EventController(EventService events, StrictJsonReader json, DataSize maxBodySize, DataSize maxBatchBodySize) {
    this.events = events;
    this.json = json;
    this.maxBodySize = maxBodySize;
    this.maxBatchBodySize = maxBatchBodySize;
  }

  @PostMapping("/api/events")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public EventResult accept(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    byte[] body = RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size");
    return events.accept(json.read(body, JourneyEvent.class));
  }

  /**
   * Each event on its own: a bad one is reported by its position and the others still apply; one that fails while
   * it is applied (the database...) too, after its own transaction rolled back — send it again.
   */
  @PostMapping("/api/events/batch")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public BatchResult acceptBatch(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    byte[] body = RequestBodies.readJson(request, maxBatchBodySize, "touchpoint.api.max-batch-body-size");
    List<Applied> applied = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (Element<JourneyEvent> event : json.readEach(body, "events", MAX_BATCH_EVENTS, JourneyEvent.class)) {
      if (event.value() == null) {
        for (FieldProblem problem : event.problems()) {
          refused.add(new Refused(event.index(), problem.field(), problem.problem()));
        }
        continue;
      }
      try {
        applied.add(new Applied(event.index(), events.accept(event.value())));
      } catch (RuntimeException failed) {
        LOG.warn("TOUCHPOINT-EVENT-002 event {} of a batch was not applied", event.index(), failed);
        refused.add(new Refused(event.index(), "events[" + event.index() + "]",
            "could not be applied (TOUCHPOINT-EVENT-002); send it again"));
      }
    }
    return new BatchResult(applied, refused);
  }
}
