package io.touchpoint.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Reads the Modeler element templates that the plugin jar ships (classpath {@code touchpoint/element-templates/}). */
final class ElementTemplates {

  static final String DIR = "touchpoint/element-templates/";

  static final ObjectMapper JSON = new ObjectMapper();

  private ElementTemplates() {
  }

  /** A template file and its parsed content. */
  record TemplateFile(String fileName, JsonNode json) {

    String id() {
      return json.path("id").asText();
    }

    int version() {
      return json.path("version").asInt();
    }

    @Override
    public String toString() {
      return fileName;
    }
  }

  /** Every shipped template file, sorted by name. */
  static List<TemplateFile> all() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + DIR + "*.json");
      List<TemplateFile> files = new ArrayList<>();
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          files.add(new TemplateFile(resource.getFilename(), JSON.readTree(in)));
        }
      }
      files.sort(Comparator.comparing(TemplateFile::fileName));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Shipped templates by id. */
  static Map<String, JsonNode> byId() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (TemplateFile file : all()) {
      if (byId.put(file.id(), file.json()) != null) {
        throw new IllegalStateException("two templates with id " + file.id());
      }
    }
    return byId;
  }

  /** A shipped template by file name, e.g. {@code touchpoint-sms.json}. */
  static JsonNode template(String fileName) {
    return resource(DIR + fileName);
  }

  /** Any JSON classpath resource. */
  static JsonNode resource(String classpathResource) {
    try (InputStream in = ElementTemplates.class.getClassLoader().getResourceAsStream(classpathResource)) {
      if (in == null) {
        throw new IllegalArgumentException("no classpath resource " + classpathResource);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The template's properties whose binding has the given type, e.g. {@code camunda:inputParameter}. */
  static List<JsonNode> propertiesBoundAs(JsonNode template, String bindingType) {
    return StreamSupport.stream(template.path("properties").spliterator(), false)
        .filter(p -> bindingType.equals(p.path("binding").path("type").asText()))
        .toList();
  }

  /** The value of each choice of a Dropdown property. */
  static List<String> choiceValues(JsonNode property) {
    return StreamSupport.stream(property.path("choices").spliterator(), false)
        .map(c -> c.path("value").asText())
        .toList();
  }
}
