package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.channel.rcs.RcsMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RCS templates match the connector's input and offer exactly the statuses RCS reports. */
class RcsTemplatesTest {

  @Test
  void rcsTemplateMatchesRcsMessage() {
    ConnectorTemplateCheck.assertMatches(RcsMessage.class, "touchpoint-rcs.json");
  }

  @Test
  void statusDropdownOffersExactlyTheRcsStatuses() {
    JsonNode template = ElementTemplates.template("touchpoint-rcs-status.json");
    List<JsonNode> status = ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> "touchpoint.status".equals(p.path("binding").path("name").asText()))
        .toList();

    assertThat(status).singleElement().satisfies(dropdown -> assertThat(ElementTemplates.choiceValues(dropdown))
        .containsExactlyInAnyOrderElementsOf(
            Channel.RCS.reportableStatuses().stream().map(DeliveryStatus::wireName).toList()));
  }
}
