package io.touchpoint.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SendMetersTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final SendMeters meters = new SendMeters(registry);

  @Test
  void eachCallIsCountedByChannelProviderAndOutcome() {
    meters.sent(sms(), "accepted");
    meters.sent(sms(), "accepted");
    meters.sent(sms(), "lost");

    assertThat(count("accepted")).isEqualTo(2);
    assertThat(count("lost")).isEqualTo(1);
  }

  @Test
  void aProviderWhoseLastCallsFailedOrLostTheirAnswersIsFailing() {
    meters.sent(sms(), "failed");
    meters.sent(sms(), "lost");
    assertThat(meters.failing("twilio")).isFalse();

    meters.sent(sms(), "lost");

    assertThat(meters.failing("twilio")).isTrue();
  }

  @Test
  void anAnswerEndsTheFailuresInARowButA429DoesNotCount() {
    meters.sent(sms(), "failed");
    meters.sent(sms(), "lost");
    meters.sent(sms(), "rejected");
    meters.sent(sms(), "failed");
    meters.sent(sms(), "throttled");
    meters.sent(sms(), "lost");

    assertThat(meters.failing("twilio")).isFalse();
  }

  private double count(String outcome) {
    return registry.get("touchpoint.sends").tag("channel", "sms").tag("provider", "twilio").tag("outcome", outcome)
        .counter().count();
  }

  private static Delivery sms() {
    return new Delivery(UUID.randomUUID().toString(), "job:1", "journey", "pi", "pi", "SendSms", "ana", Channel.SMS,
        "+15550001111", "twilio", null, Delivery.Outcome.SENDING, null, null, null);
  }
}
