package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.AnalyticsQuery;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyExperiments;
import io.touchpoint.analytics.JourneyReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plugin's REST API for one engine, behind Cockpit's login: what {@code /api/analytics} answers
 * behind an API key (journeys, one journey's report and its experiments as JSON, written by the application's
 * Jackson mapper, and the same tables as CSV downloads).
 */
public class JourneyAnalyticsResource extends TouchpointPluginResource {

  private final JourneyAnalytics analytics;
  private final JourneyExperiments experiments;
  private final AnalyticsCsv csv;

  public JourneyAnalyticsResource(String engineName, JourneyAnalytics analytics, JourneyExperiments experiments,
      AnalyticsCsv csv, ObjectMapper json) {
    super(engineName, json);
    this.analytics = analytics;
    this.experiments = experiments;
    this.csv = csv;
  }

  @GET
  @Path("journeys")
  public Response journeys(@QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("machineOpens") String machineOpens) {
    // the same shape as /api/analytics/journeys
    return answer(() -> ok(Map.of("journeys",
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
    return answer(() -> ok(report(key, version, from, to, machineOpens)));
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
      return ok(body);
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
}
