package io.touchpoint.testapp;

import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.ChannelConnector;
import io.touchpoint.channel.email.EmailConnector;
import io.touchpoint.channel.email.EmailTemplates;
import io.touchpoint.channel.push.PushConnector;
import io.touchpoint.channel.rcs.RcsConnector;
import io.touchpoint.channel.sms.SmsConnector;
import io.touchpoint.channel.webhook.SecretResolver;
import io.touchpoint.channel.webhook.WebhookCalls;
import io.touchpoint.channel.webhook.WebhookConnector;
import io.touchpoint.channel.whatsapp.WhatsAppConnector;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.correlation.DeliveryStatusService;
import io.touchpoint.correlation.StatusWaits;
import io.touchpoint.delivery.Channel;
import io.touchpoint.engine.TouchpointEnginePlugin;
import io.touchpoint.engine.TouchpointParseListener;
import io.touchpoint.experiment.ExperimentAssignments;
import io.touchpoint.pipeline.SendIntake;
import io.touchpoint.provider.EmailSender;
import io.touchpoint.provider.MessagingProvider;
import io.touchpoint.provider.PushSender;
import io.touchpoint.provider.http.GuardedHttpClient;
import io.touchpoint.rendering.SafeFreeMarker;
import io.touchpoint.tracking.TrackingLinks;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.mock.env.MockEnvironment;

/**
 * Touchpoint's engine plugin with what a deployment needs: its parse rules over every channel connector. What
 * only runs once a journey runs (providers, the send intake, status waits, experiment assignments) is a mock: a
 * deployment never calls it. The plugin of {@link DeployTimeEngine}.
 */
public class DeployTimeRules extends TouchpointEnginePlugin {

  public DeployTimeRules() {
    super(new TouchpointParseListener(everyChannel(), mock(SendIntake.class), mock(StatusWaits.class),
        mock(DeliveryStatusService.class), Runnable::run, mock(ExperimentAssignments.class)), List.of(),
        new SafeFreeMarker(null), null);
  }

  private static Map<Channel, ChannelConnector<?>> everyChannel() {
    List<ChannelConnector<?>> connectors = List.of(
        new SmsConnector(mock(MessagingProvider.class)),
        new WhatsAppConnector(mock(MessagingProvider.class)),
        new RcsConnector(mock(MessagingProvider.class), new ObjectMapper()),
        new EmailConnector(mock(EmailSender.class), mock(EmailTemplates.class), mock(TrackingLinks.class)),
        new PushConnector(mock(PushSender.class), mock(ConsentRegistry.class), mock(TrackingLinks.class)),
        new WebhookConnector(new SecretResolver(new MockEnvironment()), mock(GuardedHttpClient.class),
            new ObjectMapper(), mock(WebhookCalls.class)));
    return connectors.stream().collect(Collectors.toMap(ChannelConnector::channel, Function.identity()));
  }
}
