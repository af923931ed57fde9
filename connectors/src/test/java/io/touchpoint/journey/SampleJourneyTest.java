package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.touchpoint.provider.smtp.bounce.BounceMailbox;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shipped sample journeys, driven from the contact's side as well: a fresh contact per test (the database is
 * shared), their inbox, their mail client opening the tracking pixel, their mail server bouncing a message.
 */
abstract class SampleJourneyTest extends JourneyTest {

  static final String FCM_SEND_PATH = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";
  private static final Pattern TRACKING_LINK = Pattern.compile("https://touchpoint\\.test(/t/[ocu]/[A-Za-z0-9_\\-.]+)");

  @Autowired
  BounceMailbox bounceMailbox;

  private final HttpClient mailClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** A contact nobody else in the shared database has: replies and bounces find only this test's journey. */
  record Contact(String id, String phone, String email, String pushToken) {

    static Contact fresh(String name) {
      String unique = UUID.randomUUID().toString();
      return new Contact(name + "-" + unique, "+1555" + (1_000_000 + (long) (Math.random() * 8_999_999)),
          name + "." + unique.substring(0, 8) + "@example.test", "device-" + unique);
    }

    String whatsapp() {
      return "whatsapp:" + phone;
    }
  }

  /** Messages the fake Twilio was asked to send to this address ({@code +1555…} for SMS, {@code whatsapp:+1555…}). */
  static RequestPatternBuilder messageTo(String to) {
    return postRequestedFor(urlPathEqualTo(MESSAGES_PATH)).withFormParam("To", equalTo(to));
  }

  void fcmAcceptsNotifications() {
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(FCM_SEND_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
  }

  List<MimeMessage> emailsTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
            .anyMatch(to -> to.toString().equals(address));
      } catch (jakarta.mail.MessagingException unreadable) {
        throw new IllegalStateException(unreadable);
      }
    }).toList();
  }

  MimeMessage theEmailTo(String address) {
    List<MimeMessage> received = emailsTo(address);
    assertThat(received).hasSize(1);
    return received.get(0);
  }

  /** The first part of the given type that is not an attachment. */
  static String bodyPart(Part part, String type) throws Exception {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = bodyPartOrNull(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  private static String bodyPartOrNull(Part part, String type) throws Exception {
    try {
      return bodyPart(part, type);
    } catch (AssertionError notHere) {
      return null;
    }
  }

  /** The attachment's bytes, or null when the message has no attachment of that name. */
  static byte[] attachment(Part part, String fileName) throws Exception {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && fileName.equals(part.getFileName())) {
      try (InputStream in = part.getInputStream()) {
        return in.readAllBytes();
      }
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        byte[] found = attachment(multipart.getBodyPart(i), fileName);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The contact's mail client loads the open pixel (as a person's client does, not an image proxy). */
  void contactOpens(MimeMessage email) throws Exception {
    assertThat(visit(trackingLink(bodyPart(email, "text/html"), "/t/o/")).statusCode()).isEqualTo(200);
  }

  /** The contact clicks the first tracked link; answers where the redirect goes. */
  String contactClicks(MimeMessage email) throws Exception {
    HttpResponse<Void> click = visit(trackingLink(bodyPart(email, "text/html"), "/t/c/"));
    assertThat(click.statusCode()).isEqualTo(302);
    return click.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<Void> visit(String path) throws Exception {
    return mailClient.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("User-Agent", "Mozilla/5.0 (Macintosh)").GET().build(), HttpResponse.BodyHandlers.discarding());
  }

  private static String trackingLink(String html, String kind) {
    Matcher matcher = TRACKING_LINK.matcher(html.replace("&amp;", "&"));
    while (matcher.find()) {
      if (matcher.group(1).startsWith(kind)) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + kind + " link in " + html);
  }

  /** The recipient's mail server reports a permanent failure to the bounce mailbox, which Touchpoint then reads. */
  void mailServerBounces(String deliveryId) throws Exception {
    mailServerReports("dsn-bounce-permanent.eml", deliveryId);
    assertThat(bounceMailbox.poll()).isEqualTo(1);
  }
}
