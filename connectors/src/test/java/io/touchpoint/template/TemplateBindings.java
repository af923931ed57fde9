package io.touchpoint.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/**
 * What of an element template reaches the BPMN and the engine, as a hash: the element types it applies to and, per
 * field, its binding (type, name, scriptFormat), its type, the value of a Hidden field, the values a Dropdown offers
 * and its constraints (the pattern without its message). Labels, descriptions, groups, placeholders and the order of
 * fields and choices are the form's copy and layout: changing them changes no hash. Diagrams name a template by id and
 * version, so a template whose hash changes needs a new version.
 */
final class TemplateBindings {

  private TemplateBindings() {
  }

  /** The hash of the template's bindings, 16 hex digits. */
  static String hash(JsonNode template) {
    ObjectNode bindings = ElementTemplates.JSON.createObjectNode();
    bindings.set("appliesTo", sortedTexts(template.path("appliesTo")));
    if (template.has("elementType")) {
      bindings.set("elementType", sortedKeys(template.path("elementType")));
    }
    List<String> fields = new ArrayList<>();
    for (JsonNode property : template.path("properties")) {
      fields.add(field(property).toString());
    }
    fields.sort(Comparator.naturalOrder());
    ArrayNode sortedFields = bindings.putArray("properties");
    fields.forEach(sortedFields::add);
    return sha256(bindings.toString());
  }

  /** The hash of a file's text, 16 hex digits: what freezes an old version. */
  static String fileHash(String text) {
    return sha256(text.replace("\r\n", "\n"));
  }

  private static ObjectNode field(JsonNode property) {
    ObjectNode field = ElementTemplates.JSON.createObjectNode();
    field.set("binding", sortedKeys(property.path("binding")));
    String type = property.path("type").asText("");
    field.put("type", type);
    if (type.equals("Hidden")) {
      field.set("value", property.path("value"));
    }
    if (type.equals("Dropdown")) {
      ArrayNode values = ElementTemplates.JSON.createArrayNode();
      ElementTemplates.choiceValues(property).stream().sorted().forEach(values::add);
      field.set("choices", values);
    }
    JsonNode constraints = property.path("constraints");
    ObjectNode kept = field.putObject("constraints");
    for (String key : List.of("notEmpty", "minLength", "maxLength")) {
      if (constraints.has(key)) {
        kept.set(key, constraints.get(key));
      }
    }
    JsonNode pattern = constraints.path("pattern");
    if (!pattern.isMissingNode()) {
      kept.put("pattern", pattern.isTextual() ? pattern.asText() : pattern.path("value").asText());
    }
    return field;
  }

  private static ArrayNode sortedTexts(JsonNode array) {
    ArrayNode sorted = ElementTemplates.JSON.createArrayNode();
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    texts.stream().sorted().forEach(sorted::add);
    return sorted;
  }

  private static ObjectNode sortedKeys(JsonNode object) {
    TreeMap<String, JsonNode> entries = new TreeMap<>();
    object.fields().forEachRemaining(entry -> entries.put(entry.getKey(), entry.getValue()));
    ObjectNode sorted = ElementTemplates.JSON.createObjectNode();
    entries.forEach(sorted::set);
    return sorted;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
