package io.touchpoint.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the Modeler element templates that the plugin jar ships (classpath {@code touchpoint/element-templates/}):
 * the newest version of each template at the top, older versions that diagrams may still use under
 * {@value #VERSIONED}.
 */
final class ElementTemplates {

  static final String DIR = "touchpoint/element-templates/";

  /** Folder of the older versions, inside the templates folder. */
  static final String VERSIONED = "versioned/";

  static final ObjectMapper JSON = new ObjectMapper();

  private ElementTemplates() {
  }

  /**
   * A template file and its parsed content.
   *
   * @param fileName path under the templates folder, e.g. {@code touchpoint-sms.json} or
   *                 {@code versioned/touchpoint-sms-1.json}
   * @param text     the file as written (line breaks normalised to {@code \n})
   */
  record TemplateFile(String fileName, JsonNode json, String text) {

    TemplateFile(String fileName, JsonNode json) {
      this(fileName, json, json.toPrettyString());
    }

    String id() {
      return json.path("id").asText();
    }

    int version() {
      return json.path("version").asInt();
    }

    boolean isOldVersion() {
      return fileName.startsWith(VERSIONED);
    }

    @Override
    public String toString() {
      return fileName;
    }
  }

  /** Every shipped template file, every version, sorted by name. */
  static List<TemplateFile> all() {
    try {
      Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + DIR + "**/*.json");
      List<TemplateFile> files = new ArrayList<>();
      for (Resource resource : resources) {
        String url = resource.getURL().toString();
        try (InputStream in = resource.getInputStream()) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
          files.add(new TemplateFile(url.substring(url.lastIndexOf(DIR) + DIR.length()), JSON.readTree(text), text));
        }
      }
      files.sort(Comparator.comparing(TemplateFile::fileName));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest version of every template: what the Modeler offers for new elements. */
  static List<TemplateFile> newest() {
    return all().stream().filter(file -> !file.isOldVersion()).toList();
  }

  /** The newest version of every template, by id. */
  static Map<String, JsonNode> newestById() {
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (TemplateFile file : newest()) {
      if (byId.put(file.id(), file.json()) != null) {
        throw new IllegalStateException("two newest templates with id " + file.id());
      }
    }
    return byId;
  }

  /** The templates' JSON. */
  static List<JsonNode> json(Collection<TemplateFile> files) {
    return files.stream().map(TemplateFile::json).toList();
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

  /**
   * The repository's {@code element-templates/} folder, for what the build writes back ({@code versions.lock}).
   * Surefire runs the tests in the module folder and names it in {@code basedir}.
   */
  static Path sourceFolder() {
    Path folder = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath().resolveSibling("element-templates").normalize();
    if (!Files.isDirectory(folder)) {
      throw new IllegalStateException("no element-templates folder at " + folder + "; run the tests from the module");
    }
    return folder;
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
