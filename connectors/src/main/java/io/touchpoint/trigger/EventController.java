package io.touchpoint.trigger;

import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: a business event in, journeys out. The body is JSON (else 415), read up to
 * {@code touchpoint.api.max-body-size} (else 413). Many events at once are a launch ({@code io.touchpoint.launch}).
 */
@RestController
public class EventController {

  private final EventService events;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public EventController(EventService events, StrictJsonReader json, DataSize maxBodySize) {
    this.events = events;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping("/api/events")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public EventResult accept(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    byte[] body = RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size");
    return events.accept(json.read(body, JourneyEvent.class));
  }
}
