package io.touchpoint.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.twilio.http.TwilioRestClient;
import io.touchpoint.callback.twilio.TwilioCallbackController;
import io.touchpoint.channel.email.EmailConnector;
import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.channel.rcs.RcsConnector;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.consent.Keywords;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.engine.TouchpointEnginePlugin;
import io.touchpoint.error.NotRetryable;
import io.touchpoint.pipeline.NodeRegistry;
import io.touchpoint.pipeline.SendPipeline;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.OutboundMessage;
import io.touchpoint.provider.PushSender;
import io.touchpoint.provider.twilio.TwilioHttpClient;
import io.touchpoint.schedule.PeriodicTask;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the plugin contributes to a Camunda Spring Boot application, setting by setting. */
@ExtendWith(OutputCaptureExtension.class)
class TouchpointAutoConfigurationTest {

  private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
      DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
      JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, TouchpointAutoConfiguration.class);

  /** The settings every installation must give (startup fails without them). */
  private static final String[] REQUIRED = {"touchpoint.public-base-url=https://touchpoint.test",
      "touchpoint.tracking.secret=autoconfig-test-secret"};

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AUTO_CONFIGURATIONS)
      .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + System.nanoTime())
      .withPropertyValues(REQUIRED);

  @Test
  void contributesTheEnginePluginAndTheSendPipeline() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TouchpointEnginePlugin.class);
      assertThat(context).hasSingleBean(SendPipeline.class);
    });
  }

  @Test
  void afterCommitCorrelationStopsOnceTheApplicationClosesAndLeavesWhatIsQueuedToTheSweeper() {
    runner.run(context -> {
      Executor afterCommit = context.getBean("touchpointAfterCommitExecutor", Executor.class);
      CountDownLatch busy = new CountDownLatch(4);
      CountDownLatch release = new CountDownLatch(1);
      AtomicBoolean queuedRan = new AtomicBoolean();
      for (int i = 0; i < 4; i++) {
        afterCommit.execute(() -> {
          busy.countDown();
          awaitQuietly(release);
        });
      }
      afterCommit.execute(() -> queuedRan.set(true));
      assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();

      context.close();
      release.countDown();

      assertThatThrownBy(() -> afterCommit.execute(() -> { }))
          .isInstanceOf(RejectedExecutionException.class);
      Thread.sleep(200);
      assertThat(queuedRan).isFalse();
    });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void channelsRunOnTheSimulatorWithoutProviderSettingsWhenItIsEnabled() {
    runner.withPropertyValues("touchpoint.simulator.enabled=true").run(context -> {
      assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("simulator");
      assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("simulator");
      assertThat(context.getBean(RcsConnector.class).provider()).isEqualTo("simulator");
      assertThat(context.getBean(EmailConnector.class).provider()).isEqualTo("simulator");
      assertThat(context.getBean(PushConnector.class).provider()).isEqualTo("simulator");
    });
  }

  @Test
  void withoutProviderSettingsAndSimulatorNoChannelPretendsToSend() {
    runner.run(context -> {
      assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("unconfigured");
      assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("unconfigured");
      assertThat(context.getBean(RcsConnector.class).provider()).isEqualTo("unconfigured");
      assertThat(context.getBean(EmailConnector.class).provider()).isEqualTo("unconfigured");
      assertThat(context.getBean(PushConnector.class).provider()).isEqualTo("unconfigured");
    });
  }

  @Test
  void aSendOnAnUnconfiguredChannelFailsForGoodNamingWhatIsMissing() {
    runner.withPropertyValues("touchpoint.fcm.project-id=touchpoint-test").run(context -> {
      assertThatThrownBy(() -> context.getBean(EmailConnector.class).ensureConfigured())
          .isInstanceOf(NotRetryable.class)
          .hasMessage("TOUCHPOINT-SEND-005 channel email has no provider: set spring.mail.host "
              + "(or touchpoint.simulator.enabled=true to simulate it, for demos only)");
      assertThatThrownBy(() -> context.getBean(PushSender.class).ensureConfigured())
          .isInstanceOf(NotRetryable.class)
          .hasMessageStartingWith("TOUCHPOINT-SEND-005 channel push has no provider: set touchpoint.fcm.credentials-file ");
    });
  }

  @Test
  void startupFailsNamingTheMissingPublicBaseUrl() {
    for (String url : new String[] {null, "", " "}) {
      ApplicationContextRunner withoutUrl = new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
          .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + System.nanoTime(),
              "touchpoint.tracking.secret=autoconfig-test-secret");
      if (url != null) {
        withoutUrl = withoutUrl.withPropertyValues("touchpoint.public-base-url=" + url);
      }
      withoutUrl.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
          .hasMessageContaining("TOUCHPOINT-CONFIG-007 set touchpoint.public-base-url (TOUCHPOINT_PUBLIC_BASE_URL)")
          .message().doesNotContain("TOUCHPOINT-CONFIG-008"));
    }
  }

  @Test
  void startupFailsNamingTheMissingTrackingSecret() {
    for (String secret : new String[] {null, "", "  "}) {
      ApplicationContextRunner withoutSecret = new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
          .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig-" + System.nanoTime(),
              "touchpoint.public-base-url=https://touchpoint.test");
      if (secret != null) {
        withoutSecret = withoutSecret.withPropertyValues("touchpoint.tracking.secret=" + secret);
      }
      withoutSecret.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
          .hasMessageContaining("TOUCHPOINT-CONFIG-008 set touchpoint.tracking.secret (TOUCHPOINT_TRACKING_SECRET)"));
    }
  }

  @Test
  void eachChannelGoesThroughTwilioOnceItsSenderIsSet() {
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .run(context -> {
          assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("twilio");
          assertThat(context.getBean(WhatsAppConnector.class).provider()).isEqualTo("unconfigured");
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
  void anApplicationsOwnTwilioClientIsReportedAtStartForItsMissingLastMomentCheck(CapturedOutput output) {
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .withBean(TwilioRestClient.class, TouchpointAutoConfigurationTest::ownTwilioClient)
        .run(context -> assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("twilio"));
    assertThat(output).contains("TOUCHPOINT-START-006");
  }

  @Test
  void anApplicationsOwnTwilioClientWithoutTouchpointsCredentialsLeavesTheChannelUnconfiguredNotTheStartBroken() {
    runner.withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .withBean(TwilioRestClient.class, TouchpointAutoConfigurationTest::ownTwilioClient)
        .run(context -> assertThat(context.getBean(SmsConnector.class).provider()).isEqualTo("unconfigured"));
  }

  private static TwilioRestClient ownTwilioClient() {
    return new TwilioRestClient.Builder("AC00000000000000000000000000000002", "own-token").build();
  }

  @Test
  void touchpointsOwnTwilioClientChecksAtTheLastMomentAndIsNotReported(CapturedOutput output) {
    runner.withPropertyValues(twilioCredentials()).withPropertyValues("touchpoint.twilio.sms-from=+15550000000")
        .run(context -> assertThat(context.getBean(TwilioRestClient.class).getHttpClient())
            .isInstanceOf(TwilioHttpClient.class));
    assertThat(output).doesNotContain("TOUCHPOINT-START-006");
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
        .withPropertyValues(REQUIRED)
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

  @Test
  void theNodeKeepsBeatingWhileItsRecoveryIsBusy() {
    runner.withPropertyValues("touchpoint.pipeline.heartbeat=100ms").run(context -> {
      // as if a takeover of many sends held the recovery for longer than a node may stay silent
      context.getBean("touchpointSendRecoveryTask", PeriodicTask.class).stop();
      JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
      String node = context.getBean(NodeRegistry.class).nodeId();
      OffsetDateTime stopped = heartbeatOf(jdbc, node);

      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heartbeatOf(jdbc, node).isAfter(stopped));
    });
  }

  @Test
  void aDeadAfterNotMoreThanTwiceTheHeartbeatIsRefusedAtStartup() {
    runner.withPropertyValues("touchpoint.pipeline.heartbeat=10s", "touchpoint.pipeline.dead-after=20s")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(
            "TOUCHPOINT-CONFIG-013 touchpoint.pipeline.dead-after (20s) must be more than twice"
                + " touchpoint.pipeline.heartbeat (10s)"));
    runner.withPropertyValues("touchpoint.pipeline.heartbeat=9s", "touchpoint.pipeline.dead-after=20s")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void aStaleAfterShorterThanACallMayTakeToGoOutIsRefusedAtStartup() {
    // with dead-after at 20 s a lane may call up to 10 s after marking the send, and the call arrive 1 s later
    runner.withPropertyValues("touchpoint.pipeline.stale-after=10s")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(
            "TOUCHPOINT-CONFIG-014 touchpoint.pipeline.stale-after (10s) must be at least half of"
                + " touchpoint.pipeline.dead-after plus 1s (11s)"));
    runner.withPropertyValues("touchpoint.pipeline.stale-after=11s").run(context -> assertThat(context).hasNotFailed());
  }

  private static OffsetDateTime heartbeatOf(JdbcClient jdbc, String node) {
    return jdbc.sql("select heartbeat_at from tp_node where id = ?").param(node)
        .query((rs, row) -> rs.getObject(1, OffsetDateTime.class)).single();
  }

  @Test
  void ledgerRetentionRunsOnEveryNodeAndRefusesAnEmptyBatch() {
    runner.run(context -> assertThat(context.getBean("touchpointLedgerRetentionTask")).isInstanceOf(PeriodicTask.class));
    runner.withPropertyValues("touchpoint.retention.batch-size=0").run(context -> assertThat(context).hasFailed());
  }

  @Test
  void configuredConsentKeywordsReplaceTheCarrierDefaults() {
    runner.withPropertyValues("touchpoint.consent.opt-out-keywords=ARRET,stop", "touchpoint.consent.opt-in-keywords=")
        .run(context -> {
          Keywords keywords = context.getBean(Keywords.class);
          assertThat(keywords.intentOf("Arret!")).contains(Keywords.Intent.OPT_OUT);
          assertThat(keywords.intentOf("STOP")).contains(Keywords.Intent.OPT_OUT);
          assertThat(keywords.intentOf("cancel")).isEmpty();
          assertThat(keywords.intentOf("START")).isEmpty();
        });
  }

  @Test
  void aWordInBothConsentKeywordListsIsRefusedAtStartup() {
    runner.withPropertyValues("touchpoint.consent.opt-in-keywords=START,Stop")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("TOUCHPOINT-CONFIG-009").hasMessageContaining("STOP"));
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
