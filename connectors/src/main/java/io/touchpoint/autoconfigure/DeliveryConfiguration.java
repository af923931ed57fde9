package io.touchpoint.autoconfigure;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.consent.Keywords;
import io.touchpoint.correlation.CallbackLag;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusCorrelator;
import io.touchpoint.correlation.StatusDeadLetters;
import io.touchpoint.correlation.StatusWaitRetries;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.delivery.StatusReportInbox;
import io.touchpoint.inbound.InboundMessageService;
import io.touchpoint.inbound.Replies;
import io.touchpoint.schedule.PeriodicTask;
import io.touchpoint.store.InsertOnce;
import io.touchpoint.store.PlannerStatistics;
import java.time.Clock;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/** The delivery ledger, consent and status intake, on the application's DataSource. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock touchpointClock() {
    return Clock.systemUTC();
  }

  @Bean
  TouchpointSchema touchpointSchema(DataSource dataSource) {
    return new TouchpointSchema(dataSource);
  }

  /** Every store takes the schema, so nothing touches a table before it exists. */
  @Bean
  JdbcTemplate touchpointJdbcTemplate(DataSource dataSource, TouchpointSchema schema) {
    return new JdbcTemplate(dataSource);
  }

  @Bean
  JdbcClient touchpointJdbc(JdbcTemplate touchpointJdbcTemplate) {
    return JdbcClient.create(touchpointJdbcTemplate);
  }

  /** On PostgreSQL, planner statistics kept in step with tables that grow faster than autovacuum looks. */
  @Bean
  PeriodicTask touchpointPlannerStatistics(DataSource dataSource, JdbcClient touchpointJdbc,
      PlatformTransactionManager transactionManager) {
    return new PeriodicTask("planner-statistics", PlannerStatistics.on(dataSource, touchpointJdbc, transactionManager),
        PlannerStatistics.INTERVAL);
  }

  /** A provider call's deadline, shared by the send pipeline's lanes and the providers' HTTP clients. */
  @Bean
  CallDeadline touchpointCallDeadline() {
    return new CallDeadline();
  }

  @Bean
  InsertOnce touchpointInsertOnce(PlatformTransactionManager transactionManager) {
    return new InsertOnce(transactionManager);
  }

  @Bean
  DeliveryLedger deliveryLedger(JdbcTemplate touchpointJdbcTemplate, InsertOnce insertOnce, Clock clock) {
    return new DeliveryLedger(touchpointJdbcTemplate, insertOnce, clock);
  }

  @Bean
  StatusReportInbox statusReportInbox(JdbcClient touchpointJdbc, Clock clock) {
    return new StatusReportInbox(touchpointJdbc, clock);
  }

  @Bean
  StatusWaits statusWaits(JdbcClient touchpointJdbc, Clock clock) {
    return new StatusWaits(touchpointJdbc, clock);
  }

  @Bean
  StatusDeadLetters statusDeadLetters(JdbcClient touchpointJdbc, StatusWaits waits, InsertOnce insertOnce,
      PlatformTransactionManager transactionManager, Clock clock) {
    return new StatusDeadLetters(touchpointJdbc, waits, insertOnce, transactionManager, clock);
  }

  @Bean
  StatusWaitRetries statusWaitRetries(StatusWaits waits, StatusDeadLetters deadLetters,
      TouchpointProperties properties, PlatformTransactionManager transactionManager, Clock clock) {
    TouchpointProperties.Correlation settings = properties.correlation();
    return new StatusWaitRetries(waits, deadLetters, settings.maxAttempts(), settings.retryDelay(),
        settings.maxRetryDelay(), transactionManager, clock);
  }

  /**
   * The runtime service comes from the engine, which needs the plugin that needs this: resolved late, once (not in
   * the bean factory per status).
   */
  @Bean
  StatusCorrelator statusCorrelator(ObjectProvider<RuntimeService> runtimeService, StatusWaits waits,
      DeliveryLedger ledger, Replies replies, StatusWaitRetries retries,
      PlatformTransactionManager transactionManager) {
    return new StatusCorrelator(SingletonSupplier.of(runtimeService::getObject), waits, ledger, replies, retries,
        transactionManager);
  }

  @Bean
  Replies touchpointReplies(JdbcClient touchpointJdbc) {
    return new Replies(touchpointJdbc);
  }

  @Bean
  DeliveryStatusService deliveryStatusService(DeliveryLedger ledger, StatusReportInbox inbox,
      StatusCorrelator correlator, StatusWaits waits, PlatformTransactionManager transactionManager, Clock clock,
      ObjectProvider<CallbackLag> lag) {
    return new DeliveryStatusService(ledger, inbox, correlator, waits, transactionManager, clock,
        lag.getIfAvailable(() -> CallbackLag.NONE));
  }

  @Bean
  ConsentRegistry consentRegistry(JdbcClient touchpointJdbc, InsertOnce insertOnce, Clock clock) {
    return new ConsentRegistry(touchpointJdbc, insertOnce, clock);
  }

  @Bean
  Keywords touchpointKeywords(TouchpointProperties properties) {
    return new Keywords(properties.consent().optOutKeywords(), properties.consent().optInKeywords());
  }

  @Bean
  InboundMessageService inboundMessageService(JdbcClient touchpointJdbc, InsertOnce insertOnce,
      DeliveryLedger ledger, ConsentRegistry consent, Keywords keywords, StatusWaits waits,
      DeliveryStatusService statuses, Clock clock) {
    return new InboundMessageService(touchpointJdbc, insertOnce, ledger, consent, keywords, waits, statuses, clock);
  }
}
