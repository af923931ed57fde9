package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.touchpoint.channel.sms.SmsMessage;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The SMS element template offers exactly the inputs of {@link SmsMessage}, with the same constraints. */
class SmsTemplateMatchesSmsMessageTest {

  static final String TEMPLATE = "touchpoint-sms.json";

  @Test
  void smsTemplateMatchesSmsMessage() {
    ConnectorTemplateCheck.assertMatches(SmsMessage.class, TEMPLATE);
  }

  @Test
  void templateMissingTextIsCaught() {
    JsonNode drifted = ElementTemplates.resource("template/drift/sms-missing-text.json");

    assertThatThrownBy(() -> ConnectorTemplateCheck.assertMatches(SmsMessage.class, drifted, "sms-missing-text.json"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("SmsMessage.text has no camunda:inputParameter named 'text'");
  }

  @Test
  void extraInputParameterIsCaught() {
    assertThat(problemsAfter(t -> inputs(t).add(ElementTemplates.JSON.createObjectNode()
        .put("type", "String")
        .set("binding", ElementTemplates.JSON.createObjectNode().put("type", "camunda:inputParameter").put("name", "from")))))
        .containsExactly("the template binds camunda:inputParameter 'from' but SmsMessage has no component of that name");
  }

  @Test
  void duplicateInputParameterIsCaught() {
    assertThat(problemsAfter(t -> inputs(t).add(input(t, "to").deepCopy())))
        .containsExactly("the template binds camunda:inputParameter 'to' 2 times");
  }

  @Test
  void missingNotEmptyIsCaught() {
    assertThat(problemsAfter(t -> ((ObjectNode) input(t, "to").path("constraints")).remove("notEmpty")))
        .containsExactly("SmsMessage.to is required (@NotBlank/@NotEmpty/@NotNull) but input 'to' lacks constraints.notEmpty: true");
  }

  @Test
  void differentMaxLengthIsCaught() {
    assertThat(problemsAfter(t -> ((ObjectNode) input(t, "text").path("constraints")).put("maxLength", 160)))
        .containsExactly("SmsMessage.text has @Size(max = 1600) but input 'text' has constraints.maxLength: 160");
  }

  @Test
  void missingMaxLengthIsCaught() {
    assertThat(problemsAfter(t -> ((ObjectNode) input(t, "text").path("constraints")).remove("maxLength")))
        .containsExactly("SmsMessage.text has @Size(max = 1600) but input 'text' lacks constraints.maxLength");
  }

  @Test
  void maxLengthWithoutSizeIsCaught() {
    assertThat(problemsAfter(t -> ((ObjectNode) input(t, "to").path("constraints")).put("maxLength", 16)))
        .containsExactly("input 'to' has constraints.maxLength: 16 but SmsMessage.to has no @Size(max)");
  }

  private static List<String> problemsAfter(Consumer<ObjectNode> change) {
    ObjectNode template = ElementTemplates.template(TEMPLATE).deepCopy();
    change.accept(template);
    return ConnectorTemplateCheck.problems(SmsMessage.class, template);
  }

  private static ArrayNode inputs(ObjectNode template) {
    return (ArrayNode) template.path("properties");
  }

  private static ObjectNode input(ObjectNode template, String name) {
    return (ObjectNode) ElementTemplates.propertiesBoundAs(template, "camunda:inputParameter").stream()
        .filter(p -> name.equals(p.path("binding").path("name").asText()))
        .findFirst()
        .orElseThrow();
  }
}
