package io.touchpoint.autoconfigure;

import io.touchpoint.channel.email.BounceIntake;
import io.touchpoint.channel.email.EmailConnector;
import io.touchpoint.channel.email.EmailTemplates;
import io.touchpoint.channel.email.bounce.BounceMailbox;
import io.touchpoint.channel.email.bounce.ImapSettings;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.delivery.DeliveryLedger;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.schedule.PeriodicTask;
import jakarta.mail.Session;
import java.util.Properties;
import io.touchpoint.channel.email.SmtpEmailSender;
import io.touchpoint.simulator.SimulatedEmail;
import io.touchpoint.simulator.StatusSimulator;
import io.touchpoint.tracking.MachineOpens;
import io.touchpoint.tracking.TrackingLinks;
import io.touchpoint.tracking.TrackingTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Email: through the application's SMTP relay ({@code spring.mail.host}) when there is one, else simulated. */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EmailConfiguration.class);

  @Bean
  TrackingTokens touchpointTrackingTokens(TouchpointProperties properties) {
    String secret = properties.tracking().secret();
    if (secret == null || secret.isBlank()) {
      LOG.warn("TOUCHPOINT-CONFIG-002 touchpoint.tracking.secret is not set: tracking links use a random key "
          + "and stop working after a restart or on other nodes");
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      secret = HexFormat.of().formatHex(random);
    }
    return new TrackingTokens(secret);
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
  @ConditionalOnMissingBean
  EmailConnector emailConnector(ObjectProvider<JavaMailSender> mailSender, TouchpointProperties properties,
      TrackingLinks links, StatusSimulator simulator, SafeFreeMarker freemarker) {
    EmailTemplates templates = new EmailTemplates(freemarker);
    if (!(mailSender.getIfAvailable() instanceof JavaMailSenderImpl smtp)) {
      return new EmailConnector(new SimulatedEmail(simulator), templates);
    }
    TouchpointProperties.Email email = properties.email();
    if (email.from() == null || email.from().isBlank()) {
      throw new IllegalStateException("TOUCHPOINT-CONFIG-003 email goes through spring.mail.host, "
          + "so touchpoint.email.from must name the sender");
    }
    return new EmailConnector(new SmtpEmailSender(smtp, new SmtpEmailSender.Settings(email.from(),
        blankToNull(email.bounceAddress()), email.attachmentsFolder(), email.maxAttachmentSize().toBytes()), links),
        templates);
  }

  /** The bounce mailbox, when one is configured. */
  @Bean
  @ConditionalOnProperty(prefix = "touchpoint.email.bounce-mailbox", name = "host")
  BounceMailbox touchpointBounceMailbox(TouchpointProperties properties, BounceIntake intake) {
    TouchpointProperties.Email email = properties.email();
    TouchpointProperties.BounceMailbox mailbox = email.bounceMailbox();
    if (email.bounceAddress() == null || email.bounceAddress().isBlank()) {
      throw new IllegalStateException("TOUCHPOINT-CONFIG-004 a bounce mailbox needs touchpoint.email.bounce-address");
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
