package io.touchpoint.migration;

import io.touchpoint.api.ApiKeyFilter;
import io.touchpoint.api.RequestBodies;
import io.touchpoint.api.StrictJsonReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/journeys/{key}/versions} and {@code /migrations}: a journey's versions, and moving its running
 * contacts from one version to another (API key).
 */
@RestController
public class MigrationController {

  private final JourneyVersions versions;
  private final JourneyMigrations migrations;
  private final StrictJsonReader json;
  private final DataSize maxBodySize;

  public MigrationController(JourneyVersions versions, JourneyMigrations migrations, StrictJsonReader json,
      DataSize maxBodySize) {
    this.versions = versions;
    this.migrations = migrations;
    this.json = json;
    this.maxBodySize = maxBodySize;
  }

  @GetMapping("/api/journeys/{key}/versions")
  public Map<String, Object> versions(@PathVariable String key) {
    List<JourneyVersions.Version> all = versions.of(key);
    return Map.of("key", key, "versions", all);
  }

  @PostMapping("/api/journeys/{key}/migrations/preview")
  public MigrationPreview preview(@PathVariable String key, HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    return migrations.preview(key, read(request));
  }

  @PostMapping("/api/journeys/{key}/migrations")
  public ResponseEntity<Map<String, String>> migrate(@PathVariable String key, HttpServletRequest request)
      throws IOException, HttpMediaTypeNotSupportedException {
    String id = migrations.start(key, read(request), (String) request.getAttribute(ApiKeyFilter.CALLER));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("id", id, "progress", "/api/journeys/" + key + "/migrations/" + id));
  }

  @GetMapping("/api/journeys/{key}/migrations/{id}")
  public MigrationProgress progress(@PathVariable String key, @PathVariable String id) {
    return migrations.progress(key, id);
  }

  private MigrationRequest read(HttpServletRequest request) throws IOException, HttpMediaTypeNotSupportedException {
    return json.read(RequestBodies.readJson(request, maxBodySize, "touchpoint.api.max-body-size"),
        MigrationRequest.class);
  }
}
