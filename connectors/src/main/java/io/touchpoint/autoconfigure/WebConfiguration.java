package io.touchpoint.autoconfigure;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.api.ApiKeyFilter;
import io.touchpoint.api.StrictJsonReader;
import io.touchpoint.api.TouchpointProblems;
import io.touchpoint.api.UnmatchedApiRequests;
import io.touchpoint.callback.twilio.TwilioCallbackController;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.correlation.DeadLetterController;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusCorrelator;
import io.touchpoint.correlation.StatusDeadLetters;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.inbound.InboundMessageService;
import io.touchpoint.provider.twilio.TwilioRequestVerifier;
import io.touchpoint.store.InsertOnce;
import io.touchpoint.tracking.ClickTriage;
import io.touchpoint.tracking.MachineOpens;
import io.touchpoint.tracking.TrackingController;
import io.touchpoint.tracking.TrackingTokens;
import io.touchpoint.tracking.Unsubscribes;
import io.touchpoint.trigger.BusinessEventObserver;
import io.touchpoint.trigger.EventController;
import io.touchpoint.trigger.EventService;
import io.touchpoint.trigger.JourneyCatalog;
import io.touchpoint.trigger.JourneyEntries;
import jakarta.validation.Validator;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The event API and provider callbacks. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebConfiguration {

  @Bean
  JourneyCatalog journeyCatalog(RepositoryService repositoryService, JdbcClient touchpointJdbc) {
    return new JourneyCatalog(repositoryService, touchpointJdbc);
  }

  @Bean
  JourneyEntries journeyEntries(JdbcClient touchpointJdbc, RuntimeService runtimeService, Clock clock) {
    return new JourneyEntries(touchpointJdbc, runtimeService, clock);
  }

  @Bean
  EventService eventService(JourneyCatalog catalog, JourneyEntries entries, RuntimeService runtimeService,
      JdbcClient touchpointJdbc, PlatformTransactionManager transactionManager, ObjectMapper mapper, Clock clock,
      ObjectProvider<BusinessEventObserver> observers, ObjectProvider<ProcessEngine> engine) {
    return new EventService(catalog, entries, runtimeService, touchpointJdbc, transactionManager, mapper, clock,
        observers.orderedStream().toList(), () -> ((ProcessEngineConfigurationImpl) engine.getObject()
            .getProcessEngineConfiguration()).getCommandExecutorTxRequired());
  }

  @Bean
  StrictJsonReader touchpointStrictJsonReader(ObjectMapper mapper, Validator validator) {
    return new StrictJsonReader(mapper, validator);
  }

  @Bean
  EventController touchpointEventController(EventService events, StrictJsonReader touchpointStrictJsonReader,
      TouchpointProperties properties) {
    return new EventController(events, touchpointStrictJsonReader, properties.api().maxBodySize());
  }

  @Bean
  TouchpointProblems touchpointProblems() {
    return new TouchpointProblems();
  }

  @Bean
  FilterRegistrationBean<ApiKeyFilter> touchpointApiKeyFilter(TouchpointProperties properties) {
    FilterRegistrationBean<ApiKeyFilter> registration =
        new FilterRegistrationBean<>(new ApiKeyFilter(properties.api().keys()));
    registration.addUrlPatterns("/api/*");
    registration.setName("touchpointApiKeyFilter");
    return registration;
  }

  @Bean
  FilterRegistrationBean<UnmatchedApiRequests> touchpointUnmatchedApiRequests(ObjectMapper json) {
    FilterRegistrationBean<UnmatchedApiRequests> registration =
        new FilterRegistrationBean<>(new UnmatchedApiRequests(json));
    registration.addUrlPatterns("/api/*");
    registration.setName("touchpointUnmatchedApiRequests");
    return registration;
  }

  @Bean
  TrackingController touchpointTrackingController(TrackingTokens tokens, DeliveryLedger ledger,
      DeliveryStatusService statuses, ConsentRegistry consent, MachineOpens machineOpens, ClickTriage clicks,
      JdbcClient touchpointJdbc, InsertOnce insertOnce, Clock clock) {
    return new TrackingController(tokens, ledger, statuses, consent, machineOpens, clicks,
        new Unsubscribes(touchpointJdbc, insertOnce, clock));
  }

  @Bean
  DeadLetterController touchpointDeadLetterController(StatusDeadLetters deadLetters, StatusCorrelator correlator) {
    return new DeadLetterController(deadLetters, correlator);
  }

  @Bean
  TwilioCallbackController twilioCallbackController(TouchpointProperties properties,
      DeliveryStatusService statuses, InboundMessageService inbound, Clock clock) {
    return new TwilioCallbackController(new TwilioRequestVerifier(properties.twilio().authToken()),
        properties.publicBaseUrl(), statuses, inbound, clock);
  }
}
