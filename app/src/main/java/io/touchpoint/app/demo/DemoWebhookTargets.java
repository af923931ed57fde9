package io.touchpoint.app.demo;

import io.touchpoint.error.ErrorCode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stand-ins for the CRM and the analytics tool the sample journeys call, in the embedded (demo) profile only, so
 * the samples run end to end without outside services. The samples' webhook URLs point here through
 * {@code touchpoint.secrets.CRM_API} and {@code touchpoint.secrets.ANALYTICS_API} (see application-embedded.yaml);
 * an installation points them at its real CRM and analytics tool instead.
 */
@Profile("embedded")
@RestController
@RequestMapping("/demo")
class DemoWebhookTargets {

  private static final Logger LOG = LoggerFactory.getLogger(DemoWebhookTargets.class);

  /** The onboarding sample marks the contact onboarded; answers like a CRM, with the record's id. */
  @PatchMapping("/crm/contacts/{contactId}")
  Map<String, Object> updateContact(@PathVariable String contactId, @RequestBody Map<String, Object> changes) {
    LOG.info(ErrorCode.DEMO_001 + " demo CRM: contact {} updated ({})", contactId, changes.keySet());
    return Map.of("id", "demo-crm-" + contactId, "updated", changes.keySet());
  }

  /** The abandoned-cart sample reports a cart that was not recovered. */
  @PostMapping("/analytics/events")
  ResponseEntity<Void> track(@RequestBody Map<String, Object> event) {
    LOG.info(ErrorCode.DEMO_002 + " demo analytics: {} for contact {}", event.get("event"), event.get("contactId"));
    return ResponseEntity.accepted().build();
  }
}
