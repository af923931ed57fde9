package io.touchpoint.timeline;

import java.nio.charset.StandardCharsets;
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

  private final ContactTimeline timeline;
  private final TimelineCsv csv;

  public TimelineController(ContactTimeline timeline, TimelineCsv csv) {
    this.timeline = timeline;
    this.csv = csv;
  }

  @GetMapping("/api/contacts/{id}/timeline")
  public ContactHistory timeline(@PathVariable String id) {
    return timeline.of(id);
  }

  @GetMapping("/api/contacts/{id}/timeline.csv")
  public ResponseEntity<String> timelineCsv(@PathVariable String id) {
    String body = csv.of(timeline.of(id));
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("timeline-" + id + ".csv", StandardCharsets.UTF_8).build().toString())
        .body(body);
  }
}
