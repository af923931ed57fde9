package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.AnalyticsQuery;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyExperiments;
import io.touchpoint.analytics.JourneyReport;
import io.touchpoint.analytics.UnknownJourneyException;
import io.touchpoint.api.InvalidRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;

/**
 * The plugin's REST API for one engine, behind Cockpit's login: what {@code /api/analytics} answers
 * behind an API key (journeys, one journey's report and its experiments as JSON, written by the application's
 * Jackson mapper, and the same tables as CSV downloads).
 */
public class JourneyAnalyticsResource extends AbstractCockpitPluginResource {

  private static final String PROBLEM_JSON = "application/problem+json";
  private static final String CSV = "text/csv; charset=UTF-8";

  private final JourneyAnalytics analytics;
  private final JourneyExperiments experiments;
  private final AnalyticsCsv csv;
  private final ObjectMapper json;

  public JourneyAnalyticsResource(String engineName, JourneyAnalytics analytics, JourneyExperiments experiments,
      AnalyticsCsv csv, ObjectMapper json) {
    super(engineName);
    this.analytics = analytics;
    this.experiments = experiments;
    this.csv = csv;
    this.json = json;
  }

  @GET
  @Path("journeys")
  public Response journeys(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("machineOpens") String machineOpens) {
    // the same shape as /api/analytics/journeys
    return answer(() -> jsonOf(Map.of("journeys",
        analytics.journeys(AnalyticsQuery.read(from, to, machineOpens, null).range()))));
  }

  @GET
  @Path("journeys.csv")
  public Response journeysCsv(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("machineOpens") String machineOpens) {
    return answer(() -> csvFile("journeys.csv",
        csv.journeys(analytics.journeys(AnalyticsQuery.read(from, to, machineOpens, null).range()))));
  }

  @GET
  @Path("journeys/{key}")
  public Response journey(@PathParam("key") String key, @QueryParam("version") String version,
      @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("machineOpens") String machineOpens) {
    return answer(() -> jsonOf(report(key, version, from, to, machineOpens)));
  }

  @GET
  @Path("journeys/{key}/components.csv")
  public Response componentsCsv(@PathParam("key") String key, @QueryParam("version") String version,
      @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("machineOpens") String machineOpens) {
    return answer(() -> csvFile(key + "-components.csv",
        csv.components(report(key, version, from, to, machineOpens))));
  }

  /**
   * What {@code /api/analytics/journeys/{key}/experiments} answers, and for the diagram the sequence flow of each
   * variant ({@code variantFlows}: experiment key → variant → flow id).
   */
  @GET
  @Path("journeys/{key}/experiments")
  public Response experiments(@PathParam("key") String key) {
    return answer(() -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("experiments", experiments.experiments(key));
      body.put("variantFlows", experiments.design(key).variantFlows());
      return jsonOf(body);
    });
  }

  @GET
  @Path("journeys/{key}/experiments.csv")
  public Response experimentsCsv(@PathParam("key") String key) {
    return answer(() -> csvFile(key + "-experiments.csv", csv.experiments(experiments.experiments(key))));
  }

  private JourneyReport report(String key, String version, String from, String to, String machineOpens) {
    AnalyticsQuery query = AnalyticsQuery.read(from, to, machineOpens, version);
    return analytics.journey(key, query.version(), query.range());
  }

  private Response answer(Supplier<Response> response) {
    try {
      return response.get();
    } catch (InvalidRequestException e) {
      Map<String, Object> problem = problem(Response.Status.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage());
      problem.put("errors", e.problems());
      return problemResponse(problem);
    } catch (UnknownJourneyException e) {
      return problemResponse(problem(Response.Status.NOT_FOUND, "unknown-journey", "Unknown journey", e.getMessage()));
    }
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

  private Response jsonOf(Object body) {
    return Response.ok(write(body), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static Response csvFile(String fileName, String body) {
    return Response.ok(body, CSV)
        .header("Content-Disposition", "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
        .build();
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
