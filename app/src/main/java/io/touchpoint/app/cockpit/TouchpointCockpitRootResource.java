package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyExperiments;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.governor.EmergencyStops;
import io.touchpoint.migration.JourneyMigrations;
import io.touchpoint.migration.JourneyVersions;
import io.touchpoint.repair.JourneyRepairs;
import io.touchpoint.timeline.ContactTimeline;
import io.touchpoint.timeline.TimelineCsv;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Root of the plugin's REST API. Cockpit's JAX-RS runtime creates it, not Spring, so the Spring
 * beans it hands on are looked up in the web application context of the servlet context it runs in.
 */
@Path("plugin/" + TouchpointCockpitPlugin.ID)
public class TouchpointCockpitRootResource extends AbstractCockpitPluginRootResource {

  /**
   * The browser modules {@code app/plugin.js} imports. Cockpit serves a plugin's {@code app/plugin.js} and
   * {@code app/plugin.css} only, unless the plugin names more.
   */
  static final List<String> MODULES = List.of("app/common.js", "app/migration.js", "app/timeline.js",
      "app/stuck.js");

  public TouchpointCockpitRootResource() {
    super(TouchpointCockpitPlugin.ID);
    allowedAssets.addAll(MODULES);
  }

  @Path("{engine}/governor/stops")
  public EmergencyStopsResource emergencyStops(@PathParam("engine") String engine) {
    ApplicationContext spring = springOf(engine);
    return subResource(new EmergencyStopsResource(engine, spring.getBean(EmergencyStops.class),
        spring.getBean(ObjectMapper.class)), engine);
  }

  @Path("{engine}/migrations/{key}")
  public MigrationResource migrations(@PathParam("engine") String engine, @PathParam("key") String key) {
    ApplicationContext spring = springOf(engine);
    return subResource(new MigrationResource(engine, key, spring.getBean(JourneyVersions.class),
        spring.getBean(JourneyMigrations.class), spring.getBean(StrictJsonReader.class),
        spring.getBean(ObjectMapper.class)), engine);
  }

  @Path("{engine}/repairs/{key}")
  public RepairResource repairs(@PathParam("engine") String engine, @PathParam("key") String key) {
    ApplicationContext spring = springOf(engine);
    return subResource(new RepairResource(engine, key, spring.getBean(JourneyRepairs.class),
        spring.getBean(StrictJsonReader.class), spring.getBean(ObjectMapper.class)), engine);
  }

  @Path("{engine}/contacts/{id}")
  public TimelineResource timeline(@PathParam("engine") String engine, @PathParam("id") String contact) {
    ApplicationContext spring = springOf(engine);
    return subResource(new TimelineResource(engine, contact, spring.getBean(ContactTimeline.class),
        spring.getBean(TimelineCsv.class), spring.getBean(ObjectMapper.class)), engine);
  }

  @Path("{engine}")
  public JourneyAnalyticsResource analytics(@PathParam("engine") String engine) {
    ApplicationContext spring = springOf(engine);
    return subResource(new JourneyAnalyticsResource(engine, spring.getBean(JourneyAnalytics.class),
        spring.getBean(JourneyExperiments.class), spring.getBean(AnalyticsCsv.class),
        spring.getBean(ObjectMapper.class)), engine);
  }

  /** The application's beans, which serve the application's engine only: other engines have no journeys. */
  private ApplicationContext springOf(String engine) {
    ApplicationContext spring = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    if (!spring.getBean(ProcessEngine.class).getName().equals(engine)) {
      throw new NotFoundException("No Touchpoint journeys on engine '" + engine + "'");
    }
    return spring;
  }
}
