package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.channel.whatsapp.WhatsAppMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The WhatsApp templates match the connector's input and offer exactly the statuses WhatsApp reports. */
class WhatsAppTemplatesTest {

  @Test
  void whatsAppTemplateMatchesWhatsAppMessage() {
    ConnectorTemplateCheck.assertMatches(WhatsAppMessage.class, "touchpoint-whatsapp.json");
  }

  @Test
  void statusDropdownOffersExactlyTheWhatsAppStatuses() {
    JsonNode template = ElementTemplates.template("touchpoint-whatsapp-status.json");
    List<JsonNode> status = ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> "touchpoint.status".equals(p.path("binding").path("name").asText()))
        .toList();

    assertThat(status).singleElement().satisfies(dropdown -> assertThat(ElementTemplates.choiceValues(dropdown))
        .containsExactlyInAnyOrderElementsOf(
            Channel.WHATSAPP.reportableStatuses().stream().map(DeliveryStatus::wireName).toList()));
  }
}
