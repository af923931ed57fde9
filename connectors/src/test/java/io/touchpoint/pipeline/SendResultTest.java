package io.touchpoint.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.delivery.ProviderAnswerLostException;
import io.touchpoint.delivery.ProviderThrottledException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendResultTest {

  @Test
  void aCallWhoseAnswerNeverCameBackIsMeteredAsLostNotFailed() {
    RuntimeException lost = new IllegalStateException("send failed",
        new ProviderAnswerLostException("TOUCHPOINT-TWILIO-003 Twilio's answer was lost", new IOException("reset")));

    assertThat(new SendResult.Failed(null, lost).meteredAs()).isEqualTo("lost");
  }

  @Test
  void aCallTheProviderRefusedWith429IsMeteredAsThrottled() {
    RuntimeException throttled = new ProviderThrottledException("twilio", Duration.ofSeconds(1));

    assertThat(new SendResult.Failed(null, throttled).meteredAs()).isEqualTo("throttled");
  }

  @Test
  void anyOtherFailureIsMeteredAsFailed() {
    assertThat(new SendResult.Failed(null, new IllegalStateException("500")).meteredAs()).isEqualTo("failed");
  }
}
