package io.touchpoint.governor;

import io.touchpoint.api.NotFoundException;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emergency stop: {@code POST /api/governor/pauses} holds every send in a scope until
 * {@code DELETE /api/governor/pauses/{id}}; {@code GET /api/governor} shows active pauses and held sends.
 */
@RestController
public class GovernorController {

  /** A pause to start. */
  public record PauseRequest(String scope, String reason) {
  }

  private final EmergencyStops stops;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public GovernorController(EmergencyStops stops, StrictJsonReader json, DataSize maxBodySize) {
    this.stops = stops;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping("/api/governor/pauses")
  public ResponseEntity<Map<String, String>> pause(HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    PauseRequest body = json.read(RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size"),
        PauseRequest.class);
    Pause pause = stops.start(body.scope(), body.reason());
    return ResponseEntity.created(URI.create("/api/governor/pauses/" + pause.id())).body(Map.of("id", pause.id()));
  }

  @DeleteMapping("/api/governor/pauses/{id}")
  public ResponseEntity<Void> lift(@PathVariable String id) {
    if (!stops.lift(id)) {
      throw new NotFoundException("no active pause '" + id + "'");
    }
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/governor")
  public EmergencyStops.State state() {
    return stops.state();
  }
}
