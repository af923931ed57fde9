package io.touchpoint.autoconfigure;

import io.touchpoint.analytics.AnalyticsController;
import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyExperiments;
import io.touchpoint.experiment.ExperimentAssignments;
import java.time.Clock;
import org.camunda.bpm.engine.RepositoryService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Journey analytics over the engine's history and the delivery ledger. */
@Configuration(proxyBeanMethods = false)
class AnalyticsConfiguration {

  /** The repository comes from the engine, which this auto-configuration runs before: resolved on first use. */
  @Bean
  JourneyAnalytics journeyAnalytics(JdbcClient touchpointJdbc, @Lazy RepositoryService repositoryService,
      Clock clock) {
    return new JourneyAnalytics(touchpointJdbc, repositoryService, clock);
  }

  @Bean
  AnalyticsCsv analyticsCsv() {
    return new AnalyticsCsv();
  }

  @Bean
  JourneyExperiments journeyExperiments(@Lazy RepositoryService repositoryService,
      ExperimentAssignments experimentAssignments) {
    return new JourneyExperiments(repositoryService, experimentAssignments);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  AnalyticsController analyticsController(JourneyAnalytics journeyAnalytics, AnalyticsCsv analyticsCsv,
      JourneyExperiments journeyExperiments) {
    return new AnalyticsController(journeyAnalytics, analyticsCsv, journeyExperiments);
  }
}
