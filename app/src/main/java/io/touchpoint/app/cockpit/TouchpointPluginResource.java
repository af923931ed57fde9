package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.UnknownJourneyException;
import io.touchpoint.api.InvalidRequestException;
import io.touchpoint.api.NotFoundException;
import io.touchpoint.app.security.AccessGroups;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * What the plugin's resources share: answers written by the application's Jackson mapper, Touchpoint's refusals as
 * the problem documents {@code /api} answers (400 naming each field, 404), and who the Cockpit user is.
 */
abstract class TouchpointPluginResource extends AbstractCockpitPluginResource {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String CSV = "text/csv; charset=UTF-8";
  private static final List<String> OPERATOR_GROUPS = List.of(AccessGroups.OPERATORS, "camunda-admin");

  private final ObjectMapper json;

  TouchpointPluginResource(String engineName, ObjectMapper json) {
    super(engineName);
    this.json = json;
  }

  /** The response, or the problem document for what the services refused. */
  Response answer(Supplier<Response> response) {
    try {
      return response.get();
    } catch (InvalidRequestException e) {
      Map<String, Object> problem = problem(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request",
          e.getMessage());
      problem.put("errors", e.problems());
      return problemResponse(problem);
    } catch (NotFoundException | UnknownJourneyException e) {
      return problemResponse(problem(Response.Status.NOT_FOUND, "not-found", "Not found", e.getMessage()));
    }
  }

  /** A change to running journeys, when the Cockpit user may make it; else 403. */
  Response operatorOnly(String refusal, Supplier<Response> change) {
    if (!mayOperate()) {
      return problemResponse(problem(Response.Status.FORBIDDEN, "forbidden", "Forbidden", refusal));
    }
    return answer(change);
  }

  /**
   * Who asks, for the audit: the Cockpit user, as {@code cockpit user <id>} beside the API's {@code api key …}.
   * Only signed-in users reach the plugin's resources.
   */
  String caller() {
    Authentication user = currentUser();
    return "cockpit user " + (user == null ? "unknown" : user.getName());
  }

  Response ok(Object body) {
    return respond(Response.Status.OK, body);
  }

  Response respond(Response.Status status, Object body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(write(body)).build();
  }

  static Response csvFile(String fileName, String body) {
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
        .build();
  }

  /** Operators and administrators change running journeys; without Camunda authorization, any Cockpit user. */
  private boolean mayOperate() {
    if (!((ProcessEngineConfigurationImpl) getProcessEngine().getProcessEngineConfiguration())
        .isAuthorizationEnabled()) {
      return true;
    }
    return currentUser() instanceof UserAuthentication signedIn && signedIn.getGroupIds() != null
        && signedIn.getGroupIds().stream().anyMatch(OPERATOR_GROUPS::contains);
  }

  private Authentication currentUser() {
    Authentications current = Authentications.getCurrent();
    return current == null ? null : current.getAuthenticationForProcessEngine(engineName);
  }

  private static Map<String, Object> problem(Response.Status status, String type, String title, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "https://touchpoint.io/problems/" + type);
    problem.put("title", title);
    problem.put("status", status.getStatusCode());
    problem.put("detail", detail);
    return problem;
  }

  private Response problemResponse(Map<String, Object> problem) {
    return Response.status((int) problem.get("status")).type(PROBLEM_JSON).entity(write(problem)).build();
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
