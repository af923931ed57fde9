package io.touchpoint.provider.fcm;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.ConnectionFactory;
import com.google.api.client.http.javanet.DefaultConnectionFactory;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushFcmOptions;
import com.google.firebase.messaging.WebpushNotification;
import io.touchpoint.delivery.CallDeadline;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.delivery.ProviderThrottledException;
import io.touchpoint.delivery.SendOutcome;
import io.touchpoint.error.ErrorCode;
import io.touchpoint.provider.OutboundPush;
import io.touchpoint.provider.PushSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;

/**
 * Push through Firebase Cloud Messaging (HTTP v1) with the Firebase Admin SDK: one message for
 * Android, iOS (APNs) and web. The data payload carries a signed receipt URL the app or service
 * worker posts "delivered" and "clicked" to. A token FCM no longer knows is a refusal with FCM's
 * code (a 400 without one: a refusal too); an exceeded quota (429) is the provider's throttling, with its
 * Retry-After; unavailability, internal errors and answers
 * without FCM's code are thrown for the job to retry.
 *
 * <p>The call's deadline ({@link CallDeadline}) is checked again as the SDK opens its connection, once the request is
 * built and authorised, right before it is written: a node held up past it may have been presumed dead.
 */
public class FcmPushSender implements PushSender, DisposableBean {

  /** Data payload keys the receiving app reads. */
  public static final String RECEIPT_URL = "touchpoint_receipt_url";
  public static final String LINK = "touchpoint_link";

  private static final URI FCM_API = URI.create("https://fcm.googleapis.com");
  private static final Set<MessagingErrorCode> REFUSALS = Set.of(MessagingErrorCode.UNREGISTERED,
      MessagingErrorCode.INVALID_ARGUMENT, MessagingErrorCode.SENDER_ID_MISMATCH);

  private final FirebaseApp app;
  private final FirebaseMessaging messaging;

  public FcmPushSender(String projectId, Path credentialsFile, URI apiBaseUrl, CallDeadline lastCheck) {
    this.app = FirebaseApp.initializeApp(FirebaseOptions.builder()
        .setCredentials(credentials(credentialsFile))
        .setProjectId(projectId)
        .setHttpTransport(transport(apiBaseUrl, lastCheck))
        .build(), "touchpoint-" + UUID.randomUUID());
    this.messaging = FirebaseMessaging.getInstance(app);
  }

  @Override
  public String name() {
    return "fcm";
  }

  @Override
  public SendOutcome send(Delivery delivery, OutboundPush push) {
    try {
      return new SendOutcome.Accepted(messaging.send(message(push)), DeliveryStatus.SENT);
    } catch (FirebaseMessagingException refused) {
      MessagingErrorCode code = refused.getMessagingErrorCode();
      if (code != null && REFUSALS.contains(code)) {
        return new SendOutcome.Rejected(code.name(), refused.getMessage());
      }
      Integer status = refused.getHttpResponse() == null ? null : refused.getHttpResponse().getStatusCode();
      if (code == MessagingErrorCode.QUOTA_EXCEEDED || (status != null && status == 429)) {
        throw new ProviderThrottledException(name(), retryAfter(refused.getHttpResponse()));
      }
      // FCM left out its own code: a 400 is still about this message, which no retry will change
      if (code == null && status != null && status == 400) {
        return new SendOutcome.Rejected(refused.getErrorCode() == null ? "HTTP_400" : refused.getErrorCode().name(),
            refused.getMessage());
      }
      throw new IllegalStateException(ErrorCode.PUSH_001 + " FCM failed with "
          + (code != null ? code : status != null ? "HTTP " + status : "no answer") + ": " + refused.getMessage(),
          refused);
    }
  }

  /** FCM's Retry-After in seconds, or null when it did not say. */
  private static Duration retryAfter(IncomingHttpResponse response) {
    Object header = response == null ? null : response.getHeaders().get("retry-after");
    Object value = header instanceof List<?> values && !values.isEmpty() ? values.get(0) : header;
    try {
      return value == null ? null : Duration.ofSeconds(Math.max(0, Long.parseLong(value.toString().trim())));
    } catch (NumberFormatException notSeconds) {
      return null;
    }
  }

  private Message message(OutboundPush push) {
    boolean high = push.highPriority();
    Map<String, String> data = new LinkedHashMap<>(push.data());
    data.put(RECEIPT_URL, push.receiptUrl());
    if (push.link() != null) {
      data.put(LINK, push.link());
    }
    AndroidConfig.Builder android = AndroidConfig.builder()
        .setPriority(high ? AndroidConfig.Priority.HIGH : AndroidConfig.Priority.NORMAL)
        .setNotification(AndroidNotification.builder().setSound(push.sound()).setIcon(push.icon()).build());
    ApnsConfig.Builder apns = ApnsConfig.builder().putHeader("apns-priority", high ? "10" : "5");
    Aps.Builder aps = Aps.builder();
    WebpushConfig.Builder web = WebpushConfig.builder().putHeader("Urgency", high ? "high" : "normal")
        .setNotification(WebpushNotification.builder().setIcon(push.icon()).build());
    if (push.timeToLive() != null) {
      long seconds = push.timeToLive().toSeconds();
      android.setTtl(seconds * 1000);
      web.putHeader("TTL", String.valueOf(seconds));
    }
    if (push.collapseKey() != null) {
      android.setCollapseKey(push.collapseKey());
      apns.putHeader("apns-collapse-id", push.collapseKey());
      web.putHeader("Topic", push.collapseKey());
    }
    if (push.sound() != null) {
      aps.setSound(push.sound());
    }
    if (push.badge() != null) {
      aps.setBadge(push.badge());
    }
    if (push.link() != null) {
      web.setFcmOptions(WebpushFcmOptions.withLink(push.link()));
    }
    return Message.builder()
        .setToken(push.token())
        .setNotification(Notification.builder().setTitle(push.title()).setBody(push.body()).build())
        .putAllData(data)
        .setAndroidConfig(android.build())
        .setApnsConfig(apns.setAps(aps.build()).build())
        .setWebpushConfig(web.build())
        .build();
  }


  private static GoogleCredentials credentials(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return GoogleCredentials.fromStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(ErrorCode.CONFIG_006 + " cannot read touchpoint.fcm.credentials-file", e);
    }
  }

  /** Checks the call's deadline as each connection opens; at another base URL (a local fake in tests), sends there. */
  private static HttpTransport transport(URI apiBaseUrl, CallDeadline lastCheck) {
    ConnectionFactory connections = FCM_API.equals(apiBaseUrl) ? new DefaultConnectionFactory()
        : url -> (HttpURLConnection) new URL(apiBaseUrl.getScheme(), apiBaseUrl.getHost(), apiBaseUrl.getPort(),
            url.getFile()).openConnection();
    return new NetHttpTransport.Builder().setConnectionFactory(url -> {
      lastCheck.checkStillInTime();
      return connections.openConnection(url);
    }).build();
  }

  @Override
  public void destroy() {
    app.delete();
  }
}
