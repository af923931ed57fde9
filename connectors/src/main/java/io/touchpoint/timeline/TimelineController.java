package io.touchpoint.timeline;

import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/contacts/{id}/timeline} (JSON) and {@code /timeline.csv}: what a contact went through, journey by
 * journey (API key). A contact Touchpoint has no journey or message of is 404.
 */
@RestController
public class TimelineController {

  private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  /** The longest contact id the event API accepts. */
  private static final int MAX_ID_LENGTH = 255;

  private final ContactTimeline timeline;
  private final TimelineCsv csv;

  public TimelineController(ContactTimeline timeline, TimelineCsv csv) {
    this.timeline = timeline;
    this.csv = csv;
  }

  @GetMapping("/api/contacts/{id}/timeline")
  public ContactHistory timeline(@PathVariable String id) {
    return timeline.of(checked(id));
  }

  @GetMapping("/api/contacts/{id}/timeline.csv")
  public ResponseEntity<String> timelineCsv(@PathVariable String id) {
    String body = csv.of(timeline.of(checked(id)));
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("timeline-" + id + ".csv", StandardCharsets.UTF_8).build().toString())
        .body(body);
  }

  private static String checked(String id) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new InvalidRequestException(List.of(new FieldProblem("id",
          "must be a contact id of 1 to " + MAX_ID_LENGTH + " characters")));
    }
    return id;
  }
}
