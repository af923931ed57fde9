package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.app.security.AccessGroups;
import io.touchpoint.governor.EmergencyStops;
import io.touchpoint.governor.Pause;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * The send governor's emergency stops in Cockpit: what {@code /api/governor} answers behind an API key, here behind
 * Cockpit's login. Anyone who may open Cockpit sees them; starting and lifting one takes an operator (or an
 * administrator) when Camunda authorization is on.
 */
public class EmergencyStopsResource extends AbstractCockpitPluginResource {

  private static final List<String> MAY_STOP = List.of(AccessGroups.OPERATORS, "camunda-admin");

  /** A stop to start, as the page posts it. */
  public record StopRequest(String scope, String reason) {
  }

  private final EmergencyStops stops;
  private final ObjectMapper json;

  public EmergencyStopsResource(String engineName, EmergencyStops stops, ObjectMapper json) {
    super(engineName);
    this.stops = stops;
    this.json = json;
  }

  @GET
  public Response state() {
    return ok(stops.state());
  }

  @POST
  public Response start(String body) {
    if (!mayStop()) {
      return problem(Response.Status.FORBIDDEN, "Only operators start emergency stops", List.of());
    }
    try {
      StopRequest request = json.readValue(body, StopRequest.class);
      Pause pause = stops.start(request.scope(), request.reason());
      return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(write(Map.of("id", pause.id()))).build();
    } catch (InvalidRequestException invalid) {
      return problem(Response.Status.BAD_REQUEST, invalid.getMessage(), invalid.problems());
    } catch (JsonProcessingException unreadable) {
      return problem(Response.Status.BAD_REQUEST, "the body is not {\"scope\":…,\"reason\":…}", List.of());
    }
  }

  @DELETE
  @Path("{id}")
  public Response lift(@PathParam("id") String id) {
    if (!mayStop()) {
      return problem(Response.Status.FORBIDDEN, "Only operators lift emergency stops", List.of());
    }
    return stops.lift(id) ? Response.noContent().build()
        : problem(Response.Status.NOT_FOUND, "no active stop '" + id + "'", List.of());
  }

  private boolean mayStop() {
    if (!((ProcessEngineConfigurationImpl) getProcessEngine().getProcessEngineConfiguration())
        .isAuthorizationEnabled()) {
      return true;
    }
    Authentications current = Authentications.getCurrent();
    Authentication user = current == null ? null : current.getAuthenticationForProcessEngine(engineName);
    return user instanceof UserAuthentication signedIn && signedIn.getGroupIds() != null
        && signedIn.getGroupIds().stream().anyMatch(MAY_STOP::contains);
  }

  private Response ok(Object body) {
    return Response.ok(write(body), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private Response problem(Response.Status status, String detail, List<?> errors) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.getStatusCode());
    problem.put("detail", detail);
    problem.put("errors", errors);
    return Response.status(status).type("application/problem+json").entity(write(problem)).build();
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
