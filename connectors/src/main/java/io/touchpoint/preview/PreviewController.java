package io.touchpoint.preview;

import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/journeys/{key}/preview}: every send step of the journey's latest version rendered for a contact,
 * nothing sent; {@code POST /api/journeys/{key}/steps/{stepId}/test-send}: one step sent to the operator's own
 * address, marked as a test (API key).
 */
@RestController
public class PreviewController {

  private final JourneyPreviews previews;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public PreviewController(JourneyPreviews previews, StrictJsonReader json, DataSize maxBodySize) {
    this.previews = previews;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @PostMapping("/api/journeys/{key}/preview")
  public Map<String, List<StepPreview>> preview(@PathVariable String key, HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    return Map.of("steps", previews.preview(key, read(request)));
  }

  @PostMapping("/api/journeys/{key}/steps/{stepId}/test-send")
  public ResponseEntity<JourneyPreviews.TestSend> testSend(@PathVariable String key, @PathVariable String stepId,
      HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(previews.testSend(key, stepId, read(request)));
  }

  private PreviewRequest read(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    return json.read(RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size"),
        PreviewRequest.class);
  }
}
