package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.timeline.ContactTimeline;
import io.touchpoint.timeline.TimelineCsv;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * One contact's timeline in Cockpit: what {@code /api/contacts/{id}/timeline} (and {@code .csv}) answers behind an
 * API key, here behind Cockpit's login.
 */
public class TimelineResource extends TouchpointPluginResource {

  private final String contact;
  private final ContactTimeline timeline;
  private final TimelineCsv csv;

  public TimelineResource(String engineName, String contact, ContactTimeline timeline, TimelineCsv csv,
      ObjectMapper json) {
    super(engineName, json);
    this.contact = contact;
    this.timeline = timeline;
    this.csv = csv;
  }

  @GET
  @Path("timeline")
  public Response timeline() {
    return answer(() -> ok(timeline.of(contact)));
  }

  @GET
  @Path("timeline.csv")
  public Response timelineCsv() {
    return answer(() -> csvFile("timeline-" + contact + ".csv", csv.of(timeline.of(contact))));
  }
}
