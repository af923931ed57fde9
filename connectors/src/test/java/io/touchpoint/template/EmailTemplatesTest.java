package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.channel.email.EmailMessage;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The email templates match the connector's input and offer exactly the statuses email reports. */
class EmailTemplatesTest {

  @Test
  void emailTemplateMatchesEmailMessage() {
    ConnectorTemplateCheck.assertMatches(EmailMessage.class, "touchpoint-email.json");
  }

  @Test
  void statusDropdownOffersExactlyTheEmailStatuses() {
    JsonNode template = ElementTemplates.template("touchpoint-email-status.json");
    List<JsonNode> status = ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> "touchpoint.status".equals(p.path("binding").path("name").asText()))
        .toList();

    assertThat(status).singleElement().satisfies(dropdown -> assertThat(ElementTemplates.choiceValues(dropdown))
        .containsExactlyInAnyOrderElementsOf(
            Channel.EMAIL.reportableStatuses().stream().map(DeliveryStatus::wireName).toList()));
  }
}
