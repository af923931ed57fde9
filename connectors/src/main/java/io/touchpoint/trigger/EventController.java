package io.touchpoint.trigger;

import io.touchpoint.api.StrictJsonReader;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/events} and {@code /api/events/batch}: business events in, journeys out. */
@RestController
public class EventController {

  /** What a batch did, event by event, in the order sent. */
  public record BatchResult(List<EventResult> results) {
  }

  private final EventService events;
  private final StrictJsonReader json;

  public EventController(EventService events, StrictJsonReader json) {
    this.events = events;
    this.json = json;
  }

  @PostMapping(path = "/api/events", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  public EventResult accept(@RequestBody byte[] body) {
    return events.accept(json.read(body, JourneyEvent.class));
  }

  @PostMapping(path = "/api/events/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  public BatchResult acceptBatch(@RequestBody byte[] body) {
    EventBatch batch = json.read(body, EventBatch.class);
    return new BatchResult(batch.events().stream().map(events::accept).toList());
  }
}
