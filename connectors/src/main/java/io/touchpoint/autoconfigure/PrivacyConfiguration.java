package io.touchpoint.autoconfigure;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.privacy.ContactController;
import io.touchpoint.privacy.ContactErasure;
import io.touchpoint.privacy.ContactJourneys;
import io.touchpoint.privacy.ContactLedger;
import io.touchpoint.retention.LedgerRetention;
import io.touchpoint.schedule.PeriodicTask;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** Retention of the ledger and erasure of a contact's personal data. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

  @Bean
  LedgerRetention touchpointLedgerRetention(JdbcClient touchpointJdbc, PlatformTransactionManager transactionManager,
      Clock clock, TouchpointProperties properties) {
    TouchpointProperties.Retention retention = properties.retention();
    return new LedgerRetention(touchpointJdbc, transactionManager, clock, retention.period(), retention.batchSize());
  }

  @Bean
  PeriodicTask touchpointLedgerRetentionTask(LedgerRetention retention, TouchpointProperties properties) {
    return new PeriodicTask("retention", retention::cleanUp, properties.retention().cleanupInterval());
  }

  /** The engine is built after the plugin's beans: resolved on first use. */
  @Bean
  ContactErasure touchpointContactErasure(ObjectProvider<ProcessEngine> engine, JdbcClient touchpointJdbc,
      ConsentRegistry consent, PlatformTransactionManager transactionManager, Clock clock) {
    return new ContactErasure(new ContactJourneys(engine::getObject, touchpointJdbc),
        new ContactLedger(touchpointJdbc, consent), touchpointJdbc, transactionManager, clock);
  }

  @Bean
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  ContactController touchpointContactController(ContactErasure erasure) {
    return new ContactController(erasure);
  }
}
