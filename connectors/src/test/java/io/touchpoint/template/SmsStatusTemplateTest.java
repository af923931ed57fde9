package io.touchpoint.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "SMS delivery status" template offers exactly the statuses the SMS channel reports. */
class SmsStatusTemplateTest {

  static final List<String> SMS_STATUSES =
      Channel.SMS.reportableStatuses().stream().map(DeliveryStatus::wireName).toList();

  @Test
  void dropdownOffersExactlyTheSmsStatuses() {
    JsonNode template = ElementTemplates.template("touchpoint-sms-status.json");
    assertThat(template.path("id").asText()).isEqualTo("io.touchpoint.status.sms");

    List<JsonNode> status = ElementTemplates.propertiesBoundAs(template, "camunda:property").stream()
        .filter(p -> "touchpoint.status".equals(p.path("binding").path("name").asText()))
        .toList();
    assertThat(status).hasSize(1);
    JsonNode dropdown = status.get(0);

    assertThat(dropdown.path("type").asText()).isEqualTo("Dropdown");
    assertThat(ElementTemplates.choiceValues(dropdown)).containsExactlyInAnyOrderElementsOf(SMS_STATUSES);
    assertThat(SMS_STATUSES).contains(dropdown.path("value").asText());
  }
}
