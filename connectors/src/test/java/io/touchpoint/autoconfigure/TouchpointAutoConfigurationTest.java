package io.touchpoint.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.touchpoint.callback.twilio.TwilioCallbackController;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.channel.MessagingProvider;
import io.touchpoint.channel.OutboundMessage;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.engine.TouchpointEnginePlugin;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the plugin contributes to a Camunda Spring Boot application, setting by setting. */
class TouchpointAutoConfigurationTest {

  private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
      DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
      JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, TouchpointAutoConfiguration.class);

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AUTO_CONFIGURATIONS)
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + System.nanoTime());

  @Test
  void contributesTheEnginePluginAndTheSendPipeline() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TouchpointEnginePlugin.class);
      assertThat(context).hasSingleBean(SendPipeline.class);
    });
  }

  @Test
  void channelsRunOnTheSimulatorWithoutTwilioCredentials() {
    runner.run(context -> {
      assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("simulator");
      assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("simulator");
    });
  }

  @Test
  void eachChannelGoesThroughTwilioOnceItsSenderIsSet() {
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .run(context -> {
          assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("twilio");
          assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("simulator");
        });
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.whatsapp-from=whatsapp:+15550000000")
        .run(context -> assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("twilio"));
  }

  @Test
  void aMessagingServiceServesEveryChannel() {
    runner.withPropertyValues(twilioCredentials())
        .withPropertyValues("touchpoint.twilio.messaging-service-sid=MG00000000000000000000000000000001")
        .run(context -> {
          assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("twilio");
          assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("twilio");
        });
  }

  @Test
  void aConnectorOfTheApplicationWins() {
    runner.withUserConfiguration(OwnSmsConnector.class).withPropertyValues(twilioCredentials())
        .run(context -> assertThat(context.getBean(SmsConnector.class)).isSameAs(OwnSmsConnector.CONNECTOR));
  }

  @Test
  void twilioCallbacksAreServedInWebApplications() {
    new WebApplicationContextRunner()
        .withConfiguration(AUTO_CONFIGURATIONS)
        .withUserConfiguration(EngineServices.class)
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-web-" + System.nanoTime())
        .run(context -> assertThat(context).hasSingleBean(TwilioCallbackController.class));
  }

  @Test
  void twilioSettingsNeverPrintTheAuthToken() {
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .run(context -> assertThat(context.getBean(TouchpointProperties.class).toString())
            .doesNotContain("s3cr3t-token").contains("authToken=******"));
  }

  @Test
  void invalidSimulatorFailureRateIsRefusedAtStartup() {
    runner.withPropertyValues("touchpoint.simulator.failure-rate=1.5")
        .run(context -> assertThat(context).hasFailed());
  }

  private static String[] twilioCredentials() {
    return new String[] {"touchpoint.twilio.account-sid=AC00000000000000000000000000000001",
        "touchpoint.twilio.auth-token=s3cr3t-token", "touchpoint.twilio.api-base-url=http://localhost:1"};
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnSmsConnector {
    static final SmsConnector CONNECTOR = new SmsConnector(new MessagingProvider() {
      @Override
      public String name() {
        return "own";
      }

      @Override
      public SendOutcome send(Delivery delivery, OutboundMessage message) {
        return new SendOutcome.Accepted("own-1");
      }
    });

    @Bean
    SmsConnector ownSmsConnector() {
      return CONNECTOR;
    }
  }

  /** The engine's services, as the Camunda starter would provide them; only wiring is checked here. */
  @Configuration(proxyBeanMethods = false)
  static class EngineServices {
    @Bean
    RuntimeService runtimeService() {
      return mock(RuntimeService.class);
    }

    @Bean
    RepositoryService repositoryService() {
      return mock(RepositoryService.class);
    }
  }
}
