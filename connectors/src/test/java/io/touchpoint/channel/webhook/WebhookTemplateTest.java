package io.touchpoint.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.template.ConnectorTemplateCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The webhook element template offers exactly the inputs of {@link WebhookRequest}, with the same constraints. */
class WebhookTemplateTest {

  static final String TEMPLATE = "touchpoint-webhook.json";

  @Test
  void webhookTemplateMatchesWebhookRequest() {
    ConnectorTemplateCheck.assertMatches(WebhookRequest.class, TEMPLATE);
  }

  @Test
  void templateIsAsyncCallsTheWebhookBeanAndDocumentsEveryErrorCode() throws Exception {
    JsonNode template = new ObjectMapper().readTree(Files.readString(templateFile()));
    List<JsonNode> properties = StreamSupport.stream(template.path("properties").spliterator(), false).toList();

    assertThat(properties).anySatisfy(p -> {
      assertThat(p.path("binding").path("name").asText()).isEqualTo("camunda:delegateExpression");
      assertThat(p.path("value").asText()).isEqualTo("${touchpointWebhook}");
    });
    assertThat(properties).anySatisfy(p -> {
      assertThat(p.path("binding").path("name").asText()).isEqualTo("camunda:asyncBefore");
      assertThat(p.path("value").asBoolean()).isTrue();
    });
    assertThat(properties).filteredOn(p -> List.of("url", "headers", "body")
            .contains(p.path("binding").path("name").asText()))
        .hasSize(3).allSatisfy(p -> assertThat(p.path("binding").path("scriptFormat").asText()).isEqualTo("freemarker"));
    assertThat(template.path("description").asText()).contains(WebhookTask.WEBHOOK_4XX, WebhookTask.WEBHOOK_5XX,
        WebhookTask.WEBHOOK_TIMEOUT, WebhookTask.WEBHOOK_UNREACHABLE, WebhookTask.WEBHOOK_FORBIDDEN_TARGET);
    assertThat(properties).filteredOn(p -> p.path("binding").path("name").asText().equals("onError"))
        .singleElement().satisfies(p -> assertThat(p.path("choices").findValuesAsText("value"))
            .containsExactly("bpmn-error", "retry", "continue"));
  }

  private static Path templateFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("element-templates").resolve(TEMPLATE);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("element-templates/" + TEMPLATE + " not found");
  }
}
