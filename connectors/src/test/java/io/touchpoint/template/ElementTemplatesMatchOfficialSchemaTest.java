package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.touchpoint.template.ElementTemplates.TemplateFile;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every shipped element template, every version, validates against the official Camunda 7 element templates JSON schema
 * (npm {@code @camunda/element-templates-json-schema}, checked into test resources, see template/README.md).
 */
class ElementTemplatesMatchOfficialSchemaTest {

  static final String SCHEMA = "template/element-templates-schema-0.22.1.json";

  static JsonSchema schema;

  @BeforeAll
  static void loadSchema() {
    JsonNode schemaJson = ElementTemplates.resource(SCHEMA);
    assertThat(schemaJson.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema");
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaJson);
  }

  static List<TemplateFile> shippedTemplates() {
    return ElementTemplates.all();
  }

  @Test
  void theComponentTemplatesAreShipped() {
    assertThat(shippedTemplates()).extracting(template -> template.id() + " version " + template.version())
        .doesNotHaveDuplicates();
    assertThat(ElementTemplates.newest()).extracting(TemplateFile::id)
        .doesNotHaveDuplicates()
        .contains("io.touchpoint.start", "io.touchpoint.sms", "io.touchpoint.status.sms", "io.touchpoint.business-event");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedTemplates")
  void shippedTemplateMatchesTheOfficialSchema(TemplateFile template) {
    assertThat(errors(template.json())).as(template.fileName()).isEmpty();
    assertThat(template.json().path("$schema").asText())
        .isEqualTo("https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json");
    assertThat(template.json().path("version").isInt()).as("integer version").isTrue();
    assertThat(template.json().path("description").asText()).as("description").isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "camunda-property-typed-boolean.json | $.properties[0].type: does not have a value in the enumeration",
      "dropdown-without-choices.json       | $.properties[0]: required property 'choices' not found",
      "input-parameter-without-name.json   | $.properties[0].binding: required property 'name' not found",
      "missing-applies-to.json             | $: required property 'appliesTo' not found"})
  void brokenTemplateIsRejected(String file, String expectedError) {
    assertThat(errors(ElementTemplates.resource("template/invalid/" + file))).as(file)
        .anySatisfy(error -> assertThat(error).startsWith(expectedError));
  }

  static Set<String> errors(JsonNode template) {
    return schema.validate(template).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }
}
