package io.touchpoint.autoconfigure;

import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.governor.EmergencyStops;
import io.touchpoint.governor.FrequencyCap;
import io.touchpoint.governor.GovernorController;
import io.touchpoint.governor.GovernorMetrics;
import io.touchpoint.governor.HeldSends;
import io.touchpoint.governor.Pauses;
import io.touchpoint.governor.QuietHours;
import io.touchpoint.governor.SendCounts;
import io.touchpoint.governor.SendGovernor;
import io.touchpoint.store.InsertOnce;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The send governor: quiet hours, frequency caps and emergency stops, from {@code touchpoint.governor.*}. */
@Configuration(proxyBeanMethods = false)
class GovernorConfiguration {

  @Bean
  SendGovernor touchpointSendGovernor(TouchpointProperties properties, Pauses pauses, SendCounts counts,
      ObjectProvider<GovernorMetrics> metrics) {
    return new SendGovernor(rules(properties.governor()), pauses, counts,
        metrics.getIfAvailable(() -> GovernorMetrics.NONE));
  }

  @Bean
  Pauses touchpointPauses(JdbcClient touchpointJdbc, Clock clock) {
    return new Pauses(touchpointJdbc, clock);
  }

  @Bean
  SendCounts touchpointSendCounts(JdbcClient touchpointJdbc, InsertOnce insertOnce) {
    return new SendCounts(touchpointJdbc, insertOnce);
  }

  @Bean
  HeldSends touchpointHeldSends(JdbcClient touchpointJdbc, ObjectProvider<ProcessEngine> engine) {
    return new HeldSends(touchpointJdbc, () -> engine.getObject().getManagementService());
  }

  @Bean
  EmergencyStops touchpointEmergencyStops(Pauses pauses, HeldSends held) {
    return new EmergencyStops(pauses, held);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  GovernorController touchpointGovernorController(EmergencyStops stops, StrictJsonReader touchpointStrictJsonReader,
      TouchpointProperties properties) {
    return new GovernorController(stops, touchpointStrictJsonReader, properties.api().maxBodySize());
  }

  /** Reads the rules once at start; a malformed one stops the start, naming its property. */
  static SendGovernor.Rules rules(TouchpointProperties.Governor governor) {
    QuietHours quietHours = null;
    if (governor.quietHours() != null && !governor.quietHours().isBlank()) {
      try {
        quietHours = QuietHours.parse(governor.quietHours());
      } catch (IllegalArgumentException malformed) {
        throw new IllegalStateException(ErrorCode.CONFIG_010 + " touchpoint.governor.quiet-hours: "
            + malformed.getMessage(), malformed);
      }
    }
    List<FrequencyCap> caps = governor.frequencyCaps().entrySet().stream().map(cap -> {
      try {
        return FrequencyCap.parse(cap.getKey(), cap.getValue());
      } catch (IllegalArgumentException malformed) {
        throw new IllegalStateException(ErrorCode.CONFIG_011 + " touchpoint.governor.frequency-caps." + cap.getKey()
            + ": " + malformed.getMessage(), malformed);
      }
    }).toList();
    return new SendGovernor.Rules(quietHours, governor.defaultTimeZone(), caps, governor.pauseRecheck());
  }
}
