package io.touchpoint.provider.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.TwilioSignatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioRequestVerifierTest {

  private static final String URL = "https://touchpoint.test/callbacks/twilio/status";
  private static final Map<String, String> FORM = Map.of("MessageSid", "SM1", "MessageStatus", "delivered");

  @Test
  void acceptsWhatTwilioSignedWithTheAccountsToken() {
    assertThat(new TwilioRequestVerifier("token").isSigned(URL, FORM, TwilioSignatures.sign("token", URL, FORM)))
        .isTrue();
  }

  @Test
  void refusesEverythingWhenNoAuthTokenIsConfigured() {
    assertThat(new TwilioRequestVerifier(null).isSigned(URL, FORM, TwilioSignatures.sign("any-token", URL, FORM))).isFalse();
  }

  @Test
  void refusesASignatureForAnotherUrl() {
    assertThat(new TwilioRequestVerifier("token")
        .isSigned(URL, FORM, TwilioSignatures.sign("token", "https://evil.test/callbacks/twilio/status", FORM)))
        .isFalse();
  }
}
