package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.launch.LaunchController;
import io.touchpoint.launch.LaunchIntake;
import io.touchpoint.launch.LaunchRunner;
import io.touchpoint.launch.LaunchStore;
import io.touchpoint.pipeline.NodeRegistry;
import io.touchpoint.trigger.EventService;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Campaign launches: events stored at once, applied in the background by every node. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class LaunchConfiguration {

  @Bean
  LaunchStore touchpointLaunchStore(JdbcTemplate touchpointJdbcTemplate, ObjectMapper mapper, Clock clock) {
    return new LaunchStore(touchpointJdbcTemplate, mapper, clock);
  }

  @Bean
  LaunchRunner touchpointLaunchRunner(TouchpointProperties properties, LaunchStore store, EventService events,
      NodeRegistry nodes) {
    return new LaunchRunner(new LaunchRunner.Settings(properties.launch().workers(), properties.launch().idle(),
        properties.pipeline().deadAfter()), store, events, nodes::nodeId);
  }

  @Bean
  LaunchIntake touchpointLaunchIntake(LaunchStore store, PlatformTransactionManager transactionManager,
      LaunchRunner runner) {
    return new LaunchIntake(store, transactionManager, runner);
  }

  @Bean
  LaunchController touchpointLaunchController(LaunchIntake intake, LaunchStore store,
      StrictJsonReader touchpointStrictJsonReader, TouchpointProperties properties) {
    return new LaunchController(intake, store, touchpointStrictJsonReader, properties.api().maxBodySize(),
        properties.api().maxBatchBodySize());
  }
}
