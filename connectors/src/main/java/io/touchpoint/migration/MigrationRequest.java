package io.touchpoint.migration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code {"from":1,"to":2,"mapping":{"OldStep":"NewStep"},"allowDrop":false,"reason":"…"}}: move a journey's
 * running contacts from one version to another. Steps are mapped by id; {@code mapping} names the steps whose ids
 * changed. {@code allowDrop} lets the contacts at steps that cannot be mapped stay on {@code from}.
 */
public record MigrationRequest(@NotNull @Positive Integer from, @NotNull @Positive Integer to,
    Map<String, String> mapping, Boolean allowDrop, @Size(max = 1000) String reason) {

  Map<String, String> mappingOrNone() {
    return mapping == null ? Map.of() : mapping;
  }

  boolean dropAllowed() {
    return Boolean.TRUE.equals(allowDrop);
  }
}
