package io.touchpoint.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Variant B: the journey through Touchpoint, SMS or WhatsApp over the Twilio SDK to a local fake,
 * signed HTTP status callbacks; or push over the Firebase Admin SDK to a local fake, the device's
 * receipt posted to the signed receipt URL; or a webhook to a local fake CRM.
 */
final class TouchpointSide {

  static final String RESOURCE = "bench/touchpoint-journey.bpmn";
  static final String WHATSAPP_RESOURCE = "bench/touchpoint-whatsapp-journey.bpmn";
  static final String PUSH_RESOURCE = "bench/touchpoint-push-journey.bpmn";
  static final String WEBHOOK_RESOURCE = "bench/touchpoint-webhook-journey.bpmn";
  /** Stands for the fake CRM's address in the webhook journey; replaced at deployment. */
  static final String WEBHOOK_PLACEHOLDER_BASE_URL = "http://crm.bench.test";
  static final String EVENT = "bench.signup";
  static final String PUSH_EVENT = "bench.push-signup";
  static final String WEBHOOK_EVENT = "bench.webhook-signup";
  static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
  static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
  static final String SMS_FROM = "+15550000000";
  static final String WHATSAPP_FROM = "whatsapp:+15550000001";
  static final String API_KEY = "bench-api-key";

  private TouchpointSide() {
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    ProbePlugin benchProbePlugin() {
      return new ProbePlugin();
    }
  }

  /**
   * Posts Twilio-style status callbacks, signed as Twilio signs them (the full URL, its query included), to the
   * status callback URL the message was created with, as Twilio does; or to the app's callback endpoint when the
   * message named none.
   */
  static final class Callbacks {

    private final HttpClient http;
    private final String url;
    private final String authToken;

    Callbacks(HttpClient http, String publicBaseUrl, String authToken) {
      this.http = http;
      this.url = publicBaseUrl + "/callbacks/twilio/status";
      this.authToken = authToken;
    }

    /** The status the journey waits for: {@code delivered} for an SMS, {@code read} for a WhatsApp message. */
    void report(Probe probe, int n, FakeTwilio.Accepted message) {
      String sid = message.sid();
      String to = message.to();
      String url = message.statusCallback() == null ? this.url : message.statusCallback();
      boolean whatsapp = to.startsWith("whatsapp:");
      String status = whatsapp ? "read" : "delivered";
      Map<String, String> form = new TreeMap<>();
      form.put("AccountSid", ACCOUNT_SID);
      form.put("ApiVersion", "2010-04-01");
      form.put("From", whatsapp ? WHATSAPP_FROM : SMS_FROM);
      form.put("MessageSid", sid);
      form.put("MessageStatus", status);
      form.put("SmsSid", sid);
      form.put("SmsStatus", status);
      form.put("To", to);
      String body = form.entrySet().stream()
          .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
          .collect(Collectors.joining("&"));
      HttpRequest request = HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-Twilio-Signature", signature(url, form))
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      probe.callbackSent(n);
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
          probe.failure("callback " + sid + " answered HTTP " + response.statusCode());
          return;
        }
        probe.callbackAnswered(n);
      } catch (Exception e) {
        probe.failure("callback " + sid + ": " + e);
      }
    }

    /** Base64(HMAC-SHA1(authToken, url + name1 + value1 + name2 + value2 ...)), names sorted. */
    private String signature(String url, Map<String, String> sortedForm) {
      StringBuilder data = new StringBuilder(url);
      sortedForm.forEach((name, value) -> data.append(name).append(value));
      try {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /**
   * Posts a device's push receipt, as the app does, to the signed receipt URL the notification carried.
   * Touchpoint ledgers the delivery in the send job's transaction, after FCM has answered, so a
   * receipt posted right after the answer can find no delivery yet and get 404: such a receipt is
   * posted again every 10 ms for up to 10 s (counted, see {@link #early404s()}); the latency
   * callback->correlated runs from the first post.
   */
  static final class Receipts {

    private static final long RETRY_MS = 10;
    private static final long GIVE_UP_NANOS = 10_000_000_000L;

    private final HttpClient http;
    private final AtomicInteger early404s = new AtomicInteger();

    Receipts(HttpClient http) {
      this.http = http;
    }

    /** Receipts answered 404 and posted again since the last call. */
    int early404s() {
      return early404s.getAndSet(0);
    }

    void delivered(Probe probe, int n, String receiptUrl) {
      if (receiptUrl == null || receiptUrl.isBlank()) {
        probe.failure("push to " + probe.key(n) + " carried no receipt URL");
        return;
      }
      HttpRequest request = HttpRequest.newBuilder(URI.create(receiptUrl + "?event=delivered"))
          .POST(HttpRequest.BodyPublishers.noBody())
          .build();
      probe.callbackSent(n);
      long began = System.nanoTime();
      try {
        while (true) {
          int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status == 204) {
            probe.callbackAnswered(n);
            return;
          }
          if (status != 404 || System.nanoTime() - began > GIVE_UP_NANOS) {
            probe.failure("receipt " + receiptUrl + " answered HTTP " + status);
            return;
          }
          early404s.incrementAndGet();
          Thread.sleep(RETRY_MS);
        }
      } catch (Exception e) {
        probe.failure("receipt " + receiptUrl + ": " + e);
      }
    }
  }
}
