package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.InvalidRequestException.FieldProblem;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.governor.EmergencyStops;
import io.touchpoint.governor.Pause;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The send governor's emergency stops in Cockpit: what {@code /api/governor} answers behind an API key, here behind
 * Cockpit's login. Anyone who may open Cockpit sees them; starting and lifting one takes an operator (or an
 * administrator) when Camunda authorization is on.
 */
public class EmergencyStopsResource extends TouchpointPluginResource {

  /** A stop to start, as the page posts it. */
  public record StopRequest(String scope, String reason) {
  }

  private final EmergencyStops stops;
  private final ObjectMapper json;

  public EmergencyStopsResource(String engineName, EmergencyStops stops, ObjectMapper json) {
    super(engineName, json);
    this.stops = stops;
    this.json = json;
  }

  @GET
  public Response state() {
    return ok(stops.state());
  }

  @POST
  public Response start(String body) {
    return operatorOnly("Only operators start emergency stops", () -> {
      StopRequest request = read(body);
      Pause pause = stops.start(request.scope(), request.reason());
      return respond(Response.Status.CREATED, Map.of("id", pause.id()));
    });
  }

  @DELETE
  @Path("{id}")
  public Response lift(@PathParam("id") String id) {
    return operatorOnly("Only operators lift emergency stops", () -> {
      if (!stops.lift(id)) {
        throw new NotFoundException("no active stop '" + id + "'");
      }
      return Response.noContent().build();
    });
  }

  private StopRequest read(String body) {
    try {
      return json.readValue(body, StopRequest.class);
    } catch (JsonProcessingException unreadable) {
      throw new InvalidRequestException(List.of(new FieldProblem("(body)", "is not {\"scope\":…,\"reason\":…}")));
    }
  }
}
