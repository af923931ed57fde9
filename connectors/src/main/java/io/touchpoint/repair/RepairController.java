package io.touchpoint.repair;

import io.touchpoint.api.ApiKeyFilter;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.audit.OperatorAction;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/journeys/{key}/stuck} and {@code /actions}: where contacts are stuck, and repairs of the contacts at
 * a step, audited (API key).
 */
@RestController
public class RepairController {

  private final JourneyRepairs repairs;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public RepairController(JourneyRepairs repairs, StrictJsonReader json, DataSize maxBodySize) {
    this.repairs = repairs;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @GetMapping("/api/journeys/{key}/stuck")
  public StuckReport stuck(@PathVariable String key, @RequestParam(required = false) String olderThan) {
    return repairs.stuck(key, olderThan);
  }

  @PostMapping("/api/journeys/{key}/actions")
  public ResponseEntity<JourneyRepairs.Started> act(@PathVariable String key, HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    RepairRequest repair = json.read(RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size"),
        RepairRequest.class);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(repairs.start(key, repair, (String) request.getAttribute(ApiKeyFilter.CALLER)));
  }

  @GetMapping("/api/journeys/{key}/actions")
  public Map<String, List<OperatorAction>> actions(@PathVariable String key) {
    return Map.of("actions", repairs.actions(key));
  }
}
