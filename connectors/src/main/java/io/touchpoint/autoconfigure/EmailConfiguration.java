package io.touchpoint.autoconfigure;

import io.touchpoint.callback.email.BounceIntake;
import io.touchpoint.channel.email.EmailConnector;
import io.touchpoint.channel.email.EmailTemplates;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.provider.simulator.SimulatedEmail;
import io.touchpoint.provider.simulator.StatusSimulator;
import io.touchpoint.provider.smtp.SmtpAcceptanceLog;
import io.touchpoint.provider.smtp.SmtpEmailSender;
import io.touchpoint.provider.smtp.bounce.BounceMailbox;
import io.touchpoint.provider.smtp.bounce.ImapSettings;
import io.touchpoint.provider.unconfigured.UnconfiguredChannel;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.schedule.PeriodicTask;
import io.touchpoint.tracking.ClickTriage;
import io.touchpoint.tracking.MachineClicks;
import io.touchpoint.tracking.MachineOpens;
import io.touchpoint.tracking.TrackingLinks;
import io.touchpoint.tracking.TrackingTokens;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Email: through the application's SMTP relay ({@code spring.mail.host}) when there is one, else simulated if the
 * simulator is enabled, else without a provider (sends fail with an incident).
 */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

  private static final Duration MIN_REVIEW_INTERVAL = Duration.ofSeconds(1);

  /** The secret is required (validated with the properties), so links keep working across restarts and nodes. */
  @Bean
  TrackingTokens touchpointTrackingTokens(TouchpointProperties properties) {
    return new TrackingTokens(properties.tracking().secret());
  }

  @Bean
  TrackingLinks touchpointTrackingLinks(TouchpointProperties properties, TrackingTokens tokens) {
    return new TrackingLinks(properties.publicBaseUrl(), tokens);
  }

  @Bean
  MachineOpens touchpointMachineOpens(JdbcClient touchpointJdbc, Clock clock) {
    return new MachineOpens(touchpointJdbc, clock);
  }

  @Bean
  MachineClicks touchpointMachineClicks(JdbcClient touchpointJdbc, PlatformTransactionManager transactionManager) {
    return new MachineClicks(touchpointJdbc, transactionManager);
  }

  @Bean
  ClickTriage touchpointClickTriage(MachineClicks machineClicks, DeliveryStatusService statuses,
      TouchpointProperties properties, Clock clock) {
    return new ClickTriage(machineClicks, statuses, properties.tracking().prefetchWindow(), clock);
  }

  /** Held clicks are decided about once per window (a reader's click counts at most two windows late). */
  @Bean
  PeriodicTask touchpointClickReview(ClickTriage triage, TouchpointProperties properties) {
    Duration window = properties.tracking().prefetchWindow();
    return new PeriodicTask("click-review", triage::review, window.compareTo(MIN_REVIEW_INTERVAL) < 0
        ? MIN_REVIEW_INTERVAL : window);
  }

  @Bean
  @ConditionalOnMissingBean
  EmailConnector emailConnector(ObjectProvider<JavaMailSender> mailSender, TouchpointProperties properties,
      Environment environment,
      TrackingLinks links, StatusSimulator simulator, SafeFreeMarker freemarker,
      GuardedHttpClient touchpointHttpClient, JdbcClient touchpointJdbc, Clock clock, CallDeadline callDeadline) {
    EmailTemplates templates = new EmailTemplates(freemarker);
    if (!(mailSender.getIfAvailable() instanceof JavaMailSenderImpl smtp)) {
      return new EmailConnector(properties.simulator().enabled() ? new SimulatedEmail(simulator)
          : new UnconfiguredChannel(Channel.EMAIL, MissingProviderSettings.of(Channel.EMAIL, environment)), templates,
          links);
    }
    TouchpointProperties.Email email = properties.email();
    if (email.from() == null || email.from().isBlank()) {
      throw new IllegalStateException(ErrorCode.CONFIG_003 + " email goes through spring.mail.host, "
          + "so touchpoint.email.from must name the sender");
    }
    return new EmailConnector(new SmtpEmailSender(smtp, new SmtpEmailSender.Settings(email.from(),
        blankToNull(email.bounceAddress()), email.attachmentsFolder(), email.maxAttachmentSize().toBytes()),
        touchpointHttpClient, new SmtpAcceptanceLog(touchpointJdbc, clock), callDeadline), templates, links);
  }

  /** The bounce mailbox, when one is configured. */
  @Bean
  @ConditionalOnProperty(prefix = "touchpoint.email.bounce-mailbox", name = "host")
  BounceMailbox touchpointBounceMailbox(TouchpointProperties properties, BounceIntake intake) {
    TouchpointProperties.Email email = properties.email();
    TouchpointProperties.BounceMailbox mailbox = email.bounceMailbox();
    if (email.bounceAddress() == null || email.bounceAddress().isBlank()) {
      throw new IllegalStateException(ErrorCode.CONFIG_004 + " a bounce mailbox needs touchpoint.email.bounce-address");
    }
    return new BounceMailbox(Session.getInstance(mailTimeouts()),
        new ImapSettings(mailbox.host(), mailbox.port(), mailbox.username(),
            mailbox.password() == null ? "" : mailbox.password(), mailbox.folder(), mailbox.ssl()),
        email.bounceAddress(), intake::receive);
  }

  @Bean
  @ConditionalOnBean(BounceMailbox.class)
  PeriodicTask touchpointBouncePolling(BounceMailbox mailbox, TouchpointProperties properties) {
    return new PeriodicTask("bounce-mailbox", mailbox::poll, properties.email().bounceMailbox().pollInterval());
  }

  @Bean
  BounceIntake touchpointBounceIntake(DeliveryLedger ledger, DeliveryStatusService statuses) {
    return new BounceIntake(ledger, statuses);
  }

  /** Jakarta Mail waits forever by default; a stuck mailbox must not stall the poller. */
  private static Properties mailTimeouts() {
    Properties timeouts = new Properties();
    for (String protocol : new String[] {"imap", "imaps"}) {
      timeouts.setProperty("mail." + protocol + ".connectiontimeout", "30000");
      timeouts.setProperty("mail." + protocol + ".timeout", "60000");
    }
    return timeouts;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
