package io.touchpoint.autoconfigure;

import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.audit.OperatorActions;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.migration.JourneyMigrations;
import io.touchpoint.migration.JourneyVersions;
import io.touchpoint.migration.MigratedWaits;
import io.touchpoint.migration.MigrationController;
import io.touchpoint.migration.MigrationEnginePlugin;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.pipeline.SendPreparation;
import io.touchpoint.preview.JourneyPreviews;
import io.touchpoint.preview.PreviewController;
import io.touchpoint.preview.StepRenderer;
import io.touchpoint.repair.JourneyRepairs;
import io.touchpoint.repair.RepairController;
import io.touchpoint.timeline.ContactTimeline;
import io.touchpoint.timeline.TimelineController;
import io.touchpoint.timeline.TimelineCsv;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Operators' tools on running journeys: versions and migration, stuck contacts and
 * their repair (both audited), contacts' timelines, previews and test sends. The engine's services come from the
 * engine, which this auto-configuration runs before: resolved on first use.
 */
@Configuration(proxyBeanMethods = false)
class OperatorConfiguration {

  @Bean
  OperatorActions touchpointOperatorActions(JdbcClient touchpointJdbc) {
    return new OperatorActions(touchpointJdbc);
  }

  @Bean
  MigrationEnginePlugin touchpointMigrationEnginePlugin(JdbcClient touchpointJdbc) {
    return new MigrationEnginePlugin(new MigratedWaits(touchpointJdbc));
  }

  @Bean
  JourneyVersions touchpointJourneyVersions(@Lazy RepositoryService repositoryService,
      @Lazy RuntimeService runtimeService, @Lazy ManagementService managementService) {
    return new JourneyVersions(repositoryService, runtimeService, managementService);
  }

  @Bean
  JourneyMigrations touchpointJourneyMigrations(JourneyVersions versions, @Lazy RuntimeService runtimeService,
      @Lazy ManagementService managementService, @Lazy HistoryService historyService, OperatorActions actions,
      PlatformTransactionManager transactionManager, Clock clock) {
    return new JourneyMigrations(versions, runtimeService, managementService, historyService, actions,
        transactionManager, clock);
  }

  @Bean
  JourneyRepairs touchpointJourneyRepairs(JourneyVersions versions, JdbcClient touchpointJdbc,
      @Lazy RuntimeService runtimeService, @Lazy ManagementService managementService, OperatorActions actions,
      PlatformTransactionManager transactionManager, Clock clock) {
    return new JourneyRepairs(versions, touchpointJdbc, runtimeService, managementService, actions,
        transactionManager, clock);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  RepairController touchpointRepairController(JourneyRepairs repairs, StrictJsonReader touchpointStrictJsonReader,
      TouchpointProperties properties) {
    return new RepairController(repairs, touchpointStrictJsonReader, properties.api().maxBodySize());
  }

  /** The engine is built after the plugin's beans: resolved on first use. */
  @Bean
  JourneyPreviews touchpointJourneyPreviews(JourneyVersions versions, ObjectProvider<ProcessEngine> engine,
      List<ChannelConnector<?>> connectors, SendPreparation preparation, DeliveryLedger ledger, SendPipeline pipeline,
      PlatformTransactionManager transactionManager, Clock clock) {
    return new JourneyPreviews(versions, new StepRenderer(engine::getObject, EngineConfiguration.byChannel(connectors),
        preparation), ledger, pipeline, transactionManager, clock);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  PreviewController touchpointPreviewController(JourneyPreviews previews,
      StrictJsonReader touchpointStrictJsonReader, TouchpointProperties properties) {
    return new PreviewController(previews, touchpointStrictJsonReader, properties.api().maxBodySize());
  }

  @Bean
  ContactTimeline touchpointContactTimeline(@Lazy HistoryService historyService, JdbcClient touchpointJdbc) {
    return new ContactTimeline(historyService, touchpointJdbc);
  }

  @Bean
  TimelineCsv touchpointTimelineCsv() {
    return new TimelineCsv();
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  TimelineController touchpointTimelineController(ContactTimeline timeline, TimelineCsv csv) {
    return new TimelineController(timeline, csv);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  MigrationController touchpointMigrationController(JourneyVersions versions, JourneyMigrations migrations,
      StrictJsonReader touchpointStrictJsonReader, TouchpointProperties properties) {
    return new MigrationController(versions, migrations, touchpointStrictJsonReader, properties.api().maxBodySize());
  }
}
