package io.touchpoint.journey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.channel.email.bounce.BounceMailbox;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of the marketing sample journeys (campaign, post-purchase, re-engagement) share: FCM accepting
 * notifications, reading what reached a contact (emails, pushes), and acting as the contact's mail client (opening,
 * clicking) or their mail server (a bounce report) through the real tracking and bounce endpoints.
 */
abstract class MarketingJourneyTest extends JourneyTest {

  static final String FCM_SEND_PATH = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";

  private static final Pattern TRACKING_LINK = Pattern.compile("https://touchpoint\\.test(/t/[ocu]/[A-Za-z0-9_\\-.]+)");

  @Autowired
  BounceMailbox bounceMailbox;

  private final HttpClient mailClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void fcmAcceptsNotifications() {
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(FCM_SEND_PATH)).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withTransformers("response-template")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
  }

  /** Moves the engine clock forward once and runs what became due in each of the journeys. */
  protected void timePasses(Duration duration, List<ProcessInstance> journeys) {
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis()));
    journeys.forEach(this::runDueJobs);
  }

  /** The FCM messages sent to a device, oldest first ({@code message} objects of the HTTP v1 API). */
  protected List<JsonNode> pushesTo(String deviceToken) {
    return TWILIO.findAll(postRequestedFor(urlPathEqualTo(FCM_SEND_PATH))
            .withRequestBody(matchingJsonPath("$.message.token", equalTo(deviceToken)))).stream()
        .map(request -> {
          try {
            return json.readTree(request.getBodyAsString()).path("message");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        })
        .toList();
  }

  protected static List<MimeMessage> emailsTo(String address) {
    return Arrays.stream(MAIL.getReceivedMessages()).filter(message -> {
      try {
        return Arrays.stream(message.getAllRecipients()).anyMatch(to -> to.toString().equals(address));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  protected static MimeMessage onlyEmailTo(String address) {
    List<MimeMessage> received = emailsTo(address);
    assertThat(received).as("emails to " + address).hasSize(1);
    return received.get(0);
  }

  /** The first body part of the type that is not an attachment, e.g. {@code text/html}. */
  protected static String body(Part part, String type) throws Exception {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = body(multipart.getBodyPart(i), type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** The names of the message's attachments. */
  protected static List<String> attachments(Part part) throws Exception {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return List.of(part.getFileName());
    }
    if (part.getContent() instanceof Multipart multipart) {
      List<String> names = new java.util.ArrayList<>();
      for (int i = 0; i < multipart.getCount(); i++) {
        names.addAll(attachments(multipart.getBodyPart(i)));
      }
      return names;
    }
    return List.of();
  }

  /** The email's first tracking link of a kind: {@code /t/o/} (open pixel), {@code /t/c/} (click), {@code /t/u/}. */
  protected static String trackingLink(MimeMessage email, String kind) throws Exception {
    Matcher matcher = TRACKING_LINK.matcher(body(email, "text/html").replace("&amp;", "&"));
    while (matcher.find()) {
      if (matcher.group(1).startsWith(kind)) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + kind + " link in the email");
  }

  /** The contact's mail client loads the open pixel. */
  protected void contactOpens(MimeMessage email) throws Exception {
    assertThat(follow(trackingLink(email, "/t/o/")).statusCode()).isEqualTo(200);
  }

  /** The contact clicks the email's first tracked link; answers where the redirect leads. */
  protected String contactClicks(MimeMessage email) throws Exception {
    HttpResponse<Void> click = follow(trackingLink(email, "/t/c/"));
    assertThat(click.statusCode()).isEqualTo(302);
    return click.headers().firstValue("Location").orElseThrow();
  }

  private HttpResponse<Void> follow(String trackingPath) throws Exception {
    return mailClient.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + trackingPath))
        .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)").GET().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  /** The recipient's mail server returns a permanent failure report to the bounce mailbox, which is then read. */
  protected void mailServerBounces(String deliveryId) throws Exception {
    String report;
    try (InputStream in = MarketingJourneyTest.class.getResourceAsStream("/email/bounce/dsn-bounce-permanent.eml")) {
      report = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("${deliveryId}", deliveryId);
    }
    Session smtp = MAIL.getSmtp().createSession();
    MimeMessage message = new MimeMessage(smtp, new ByteArrayInputStream(report.getBytes(StandardCharsets.US_ASCII)));
    try (Transport transport = smtp.getTransport("smtp")) {
      transport.connect();
      transport.sendMessage(message, new Address[] {new InternetAddress(BOUNCES)});
    }
    assertThat(bounceMailbox.poll()).isEqualTo(1);
  }
}
