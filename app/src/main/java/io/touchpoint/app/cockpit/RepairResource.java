package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.repair.JourneyRepairs;
import io.touchpoint.repair.RepairRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * One journey's stuck contacts and their repairs in Cockpit: what {@code /api/journeys/{key}/stuck} and
 * {@code /actions} answer behind an API key, here behind Cockpit's login. Repairs are audited with the Cockpit user
 * as the one who asked, and take an operator (or an administrator) when Camunda authorization is on.
 */
public class RepairResource extends TouchpointPluginResource {

  private final String key;
  private final JourneyRepairs repairs;
  private final StrictJsonReader reader;

  public RepairResource(String engineName, String key, JourneyRepairs repairs, StrictJsonReader reader,
      ObjectMapper json) {
    super(engineName, json);
    this.key = key;
    this.repairs = repairs;
    this.reader = reader;
  }

  @GET
  @Path("stuck")
  public Response stuck(@QueryParam("olderThan") String olderThan) {
    return answer(() -> ok(repairs.stuck(key, olderThan)));
  }

  /** The journey's audited actions, migrations included, latest first. */
  @GET
  @Path("actions")
  public Response actions() {
    return answer(() -> ok(Map.of("actions", repairs.actions(key))));
  }

  @POST
  @Path("actions")
  public Response act(byte[] body) {
    return operatorOnly("Only operators repair journeys", () -> respond(Response.Status.ACCEPTED,
        repairs.start(key, reader.read(body, RepairRequest.class), caller())));
  }
}
