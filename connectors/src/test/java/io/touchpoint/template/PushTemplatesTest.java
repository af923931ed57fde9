package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.channel.push.PushMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push templates match the connector's input and offer exactly the statuses push reports. */
class PushTemplatesTest {

  @Test
  void pushTemplateMatchesPushMessage() {
    ConnectorTemplateCheck.assertMatches(PushMessage.class, "touchpoint-push.json");
  }

  @Test
  void statusDropdownOffersExactlyThePushStatuses() {
    JsonNode template = ElementTemplates.template("touchpoint-push-status.json");
    List<JsonNode> status = ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> "touchpoint.status".equals(p.path("binding").path("name").asText()))
        .toList();

    assertThat(status).singleElement().satisfies(dropdown -> assertThat(ElementTemplates.choiceValues(dropdown))
        .containsExactlyInAnyOrderElementsOf(
            Channel.PUSH.reportableStatuses().stream().map(DeliveryStatus::wireName).toList()));
  }
}
