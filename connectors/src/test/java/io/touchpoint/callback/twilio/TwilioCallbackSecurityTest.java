package io.touchpoint.callback.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.testapp.TwilioSignatures;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's webhooks are believed only with a valid X-Twilio-Signature; anything else changes nothing. */
class TwilioCallbackSecurityTest extends JourneyTest {

  @Test
  void statusWithoutSignatureIsForbiddenAndNotStored() {
    int before = reports();

    assertThat(postForm("/callbacks/twilio/status", status("SMFORGED1"), null).statusCode()).isEqualTo(403);

    assertThat(reports()).isEqualTo(before);
  }

  @Test
  void statusSignedWithAnotherTokenIsForbidden() {
    Map<String, String> form = status("SMFORGED2");
    String forged = TwilioSignatures.sign("not-the-auth-token", "https://touchpoint.test/callbacks/twilio/status", form);

    assertThat(postForm("/callbacks/twilio/status", form, forged).statusCode()).isEqualTo(403);
  }

  @Test
  void statusWhoseParametersWereAlteredAfterSigningIsForbidden() {
    Map<String, String> form = status("SMFORGED3");
    String signature = TwilioSignatures.sign(AUTH_TOKEN, "https://touchpoint.test/callbacks/twilio/status", form);
    form.put("MessageStatus", "failed");

    assertThat(postForm("/callbacks/twilio/status", form, signature).statusCode()).isEqualTo(403);
  }

  @Test
  void inboundStopWithoutSignatureOptsNobodyOut() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", "SMIN1");
    form.put("From", "+15557770001");
    form.put("Body", "STOP");

    assertThat(postForm("/callbacks/twilio/inbound", form, null).statusCode()).isEqualTo(403);

    assertThat(touchpointJdbc.sql("select count(*) from tp_opt_out where address = ?").param("+15557770001")
        .query(Integer.class).single()).isZero();
  }

  @Test
  void signedStatusIsAccepted() {
    assertThat(twilioReportsStatus("SMSIGNED1", "delivered").statusCode()).isEqualTo(204);
  }

  private static Map<String, String> status(String sid) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", sid);
    form.put("MessageStatus", "delivered");
    return form;
  }

  private int reports() {
    return touchpointJdbc.sql("select count(*) from tp_status_report").query(Integer.class).single();
  }
}
