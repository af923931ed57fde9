package io.touchpoint.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.JourneyTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Mail security gateways follow every link of an email within seconds of its delivery: their clicks
 * still redirect, but are kept apart from the reader's and move no journey. The email guide journey
 * has two links (in the text and the button) and waits for a click once the email is opened.
 */
@TestPropertySource(properties = "touchpoint.tracking.prefetch-window=10s")
// its settings are its own: closed after the class rather than kept in the context cache for the rest of the run
@DirtiesContext
class LinkScannerTest extends JourneyTest {

  private static final Pattern CLICK_LINK = Pattern.compile("https://touchpoint\\.test(/t/c/[A-Za-z0-9_\\-.]+)");
  private static final Pattern OPEN_PIXEL = Pattern.compile("https://touchpoint\\.test(/t/o/[A-Za-z0-9_\\-.]+)");
  private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0";

  @Autowired
  MachineClicks machineClicks;
  @Autowired
  ClickTriage triage;

  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  String email;
  ProcessInstance guide;
  String deliveryId;

  @BeforeEach
  void openedGuide() throws Exception {
    deploy("bpmn/email-guide.bpmn");
    email = "kim." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    String contact = "scan-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.email","contact":{"id":"%s","email":"%s","firstName":"Kim"}}"""
        .formatted(contact, email)).statusCode()).isEqualTo(202);
    guide = instanceOf("email-guide", contact);
    runDueJobs(guide);
    deliveryId = deliveryOf(guide, "SendGuide").id();
    assertThat(visit(links(OPEN_PIXEL).get(0), BROWSER).statusCode()).isEqualTo(200);
    assertThat(guide).isWaitingAt("ClickOutcome");
  }

  @Test
  void aKnownScannersClickRedirectsButIsKeptApartAndMovesNothing() throws Exception {
    touchpointClock.advance(Duration.ofMinutes(5));

    HttpResponse<Void> click = visit(links(CLICK_LINK).get(0), "Mozilla/5.0 (compatible; Barracuda Sentinel)");

    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue("https://docs.touchpoint.test/start?from=email&step=1");
    assertThat(machineClicks.count(deliveryId)).isEqualTo(1);
    assertThat(ledger.statuses(deliveryId)).doesNotContain(DeliveryStatus.CLICKED);
    assertThat(guide).isWaitingAt("ClickOutcome");
  }

  @Test
  void everyLinkHitWithinSecondsOfTheSendIsAScannersPrefetch() throws Exception {
    List<String> links = links(CLICK_LINK);
    assertThat(links).hasSize(2);

    for (String link : links) {
      assertThat(visit(link, BROWSER).statusCode()).isEqualTo(302);
    }
    touchpointClock.advance(Duration.ofSeconds(11));
    triage.review();

    assertThat(machineClicks.count(deliveryId)).isEqualTo(2);
    assertThat(ledger.statuses(deliveryId)).doesNotContain(DeliveryStatus.CLICKED);
    assertThat(guide).isWaitingAt("ClickOutcome");
  }

  @Test
  void aSingleClickWithinSecondsOfTheSendCountsOnceTheWindowHasPassed() throws Exception {
    assertThat(visit(links(CLICK_LINK).get(1), BROWSER).statusCode()).isEqualTo(302);
    assertThat(guide).as("held while a scanner may still hit other links").isWaitingAt("ClickOutcome");

    touchpointClock.advance(Duration.ofSeconds(11));
    triage.review();

    eventually().untilAsserted(() -> assertThat(guide).hasPassed("Clicked", "EndClicked").isEnded());
    assertThat(machineClicks.count(deliveryId)).isZero();
  }

  @Test
  void clicksAfterTheWindowCountAtOnce() throws Exception {
    touchpointClock.advance(Duration.ofSeconds(11));

    for (String link : links(CLICK_LINK)) {
      assertThat(visit(link, BROWSER).statusCode()).isEqualTo(302);
    }

    assertThat(guide).hasPassed("Clicked", "EndClicked").isEnded();
    assertThat(machineClicks.count(deliveryId)).isZero();
  }

  /** The tracking links of the email's HTML part, as paths on this test server. */
  private List<String> links(Pattern kind) throws Exception {
    MimeMessage[] received = MAIL.getReceivedMessagesForDomain(email.substring(email.indexOf('@') + 1));
    assertThat(received).hasSize(1);
    return kind.matcher(html((Multipart) received[0].getContent()).replace("&amp;", "&")).results()
        .map(match -> match.group(1)).toList();
  }

  private static String html(Multipart multipart) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType("text/html")) {
        return (String) part.getContent();
      }
      if (part.getContent() instanceof Multipart nested) {
        String html = html(nested);
        if (!html.isEmpty()) {
          return html;
        }
      }
    }
    return "";
  }

  private HttpResponse<Void> visit(String path, String userAgent) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("User-Agent", userAgent).GET().build(), HttpResponse.BodyHandlers.discarding());
  }
}
