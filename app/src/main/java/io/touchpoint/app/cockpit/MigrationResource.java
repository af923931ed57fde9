package io.touchpoint.app.cockpit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.migration.JourneyMigrations;
import io.touchpoint.migration.JourneyVersions;
import io.touchpoint.migration.MigrationRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * One journey's versions and migrations in Cockpit: what {@code /api/journeys/{key}/versions} and
 * {@code /migrations} answer behind an API key, here behind Cockpit's login, with the Cockpit user as the one who
 * asked. Starting a migration takes an operator (or an administrator) when Camunda authorization is on.
 */
public class MigrationResource extends TouchpointPluginResource {

  private final String key;
  private final JourneyVersions versions;
  private final JourneyMigrations migrations;
  private final StrictJsonReader reader;

  public MigrationResource(String engineName, String key, JourneyVersions versions, JourneyMigrations migrations,
      StrictJsonReader reader, ObjectMapper json) {
    super(engineName, json);
    this.key = key;
    this.versions = versions;
    this.migrations = migrations;
    this.reader = reader;
  }

  @GET
  @Path("versions")
  public Response versions() {
    return answer(() -> ok(Map.of("key", key, "versions", versions.of(key))));
  }

  @POST
  @Path("preview")
  public Response preview(byte[] body) {
    return answer(() -> ok(migrations.preview(key, reader.read(body, MigrationRequest.class))));
  }

  @POST
  public Response start(byte[] body) {
    return operatorOnly("Only operators migrate journeys", () -> respond(Response.Status.ACCEPTED,
        Map.of("id", migrations.start(key, reader.read(body, MigrationRequest.class), caller()))));
  }

  @GET
  @Path("{id}")
  public Response progress(@PathParam("id") String id) {
    return answer(() -> ok(migrations.progress(key, id)));
  }
}
