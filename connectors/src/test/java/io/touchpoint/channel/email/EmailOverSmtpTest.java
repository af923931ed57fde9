package io.touchpoint.channel.email;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.provider.smtp.bounce.BounceMailbox;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.tracking.MachineOpens;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The email channel through Jakarta Mail against GreenMail: the message as a mail client sees it,
 * and opens, clicks and unsubscribes coming back through signed tracking links.
 */
class EmailOverSmtpTest extends JourneyTest {

  private static final Pattern TRACKING_LINK = Pattern.compile("https://touchpoint\\.test(/t/[ocu]/[A-Za-z0-9_\\-.]+)");

  @Autowired
  ConsentRegistry consent;
  @Autowired
  MachineOpens machineOpens;
  @Autowired
  BounceMailbox bounceMailbox;

  final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  String email;

  @BeforeEach
  void deployGuide() {
    deploy("bpmn/email-guide.bpmn");
    email = "ana." + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
  }

  @Test
  void guideArrivesAsHtmlWithTextAlternativeAttachmentAndOneClickUnsubscribe() throws Exception {
    ProcessInstance guide = sendGuide("\"attachment\":\"getting-started.pdf\"");
    Delivery delivery = deliveryOf(guide, "SendGuide");

    MimeMessage received = receivedBy(email);
    assertThat(received.getSubject()).isEqualTo("Welcome, Ana!");
    assertThat(received.getFrom()[0].toString()).isEqualTo("journeys@touchpoint.test");
    assertThat(received.getReplyTo()[0].toString()).isEqualTo("team@touchpoint.test");
    assertThat(received.getMessageID()).isEqualTo("<" + delivery.id() + "@touchpoint>");
    assertThat(received.getHeader("Return-Path")[0]).contains("bounces+" + delivery.id() + "@touchpoint.test");
    assertThat(received.getHeader("List-Unsubscribe")[0]).startsWith("<https://touchpoint.test/t/u/");
    assertThat(received.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");

    String html = part(received, "text/html");
    String text = part(received, "text/plain");
    assertThat(html).contains("Hi Ana, read <a href=\"https://touchpoint.test/t/c/")
        .doesNotContain("href=\"https://docs.touchpoint.test").contains(">Open the app</a>")
        .contains("/t/o/").contains("/t/u/");
    assertThat(text).contains("Hi Ana, read the guide (https://touchpoint.test/t/c/")
        .contains("Open the app: https://touchpoint.test/t/c/").contains("Unsubscribe: https://touchpoint.test/t/u/");
    assertThat(attachmentNames(received)).containsExactly("getting-started.pdf");
    assertThat(ledger.statuses(delivery.id())).containsExactly(DeliveryStatus.SENT);
    assertThat(guide).isWaitingAt("GuideOutcome");
  }

  @Test
  void namedTemplateFileBecomesTheTrackedHtmlBody() throws Exception {
    sendGuide("\"template\":\"welcome.ftlh\"");

    String html = part(receivedBy(email), "text/html");
    assertThat(html).contains("Welcome aboard, Ana!").contains("<a href=\"https://touchpoint.test/t/c/")
        .doesNotContain("https://docs.touchpoint.test/welcome");
    assertThat(part(receivedBy(email), "text/plain")).contains("Welcome aboard, Ana!");
  }

  @Test
  void markupInContactDataIsEscapedAndNeverBecomesATrackedLink() throws Exception {
    send("email-guide", "test.email", "<a href=\\\"https://evil.test/login\\\">Verify your account</a>", "");

    MimeMessage received = receivedBy(email);
    String html = part(received, "text/html");
    assertThat(html).contains("Hi &lt;a href=&quot;https://evil.test/login&quot;&gt;Verify your account&lt;/a&gt;, read"
        + " <a href=\"https://touchpoint.test/t/c/");
    assertThat(part(received, "text/plain")).contains("Hi <a href=\"https://evil.test/login\">Verify your account</a>,");
    assertThat(clickTargets(html)).containsExactlyInAnyOrder("https://docs.touchpoint.test/start?from=email&step=1",
        "https://app.touchpoint.test/");
    assertThat(clickTargets(part(received, "text/plain"))).containsExactlyInAnyOrder(
        "https://docs.touchpoint.test/start?from=email&step=1", "https://app.touchpoint.test/");
  }

  @Test
  void onlyUrlsTheAuthorWroteInTheTextPartBecomeTrackedLinks() throws Exception {
    repositoryService.createDeployment().addString("email-text.bpmn",
        textVariant("Hi ${firstName}, read https://docs.touchpoint.test/guide/${contactId} or your cart: ${cartUrl}"))
        .deploy();

    String contact = send("email-text", "test.email-text", "Ana (see https://evil.test/x)",
        "\"cartUrl\":\"https://shop.touchpoint.test/cart\"");

    String text = part(receivedBy(email), "text/plain");
    assertThat(text).startsWith("Hi Ana (see https://evil.test/x), read https://touchpoint.test/t/c/")
        .contains("or your cart: https://shop.touchpoint.test/cart");
    assertThat(clickTargets(text)).containsExactlyInAnyOrder(
        "https://docs.touchpoint.test/guide/" + contact, "https://app.touchpoint.test/");
  }

  @Test
  void unknownTemplateFileSkipsTheEmailWithTheReason() {
    ProcessInstance guide = sendGuide("\"template\":\"nope.ftlh\"");

    assertThat(deliveryOf(guide, "SendGuide").outcomeReason()).contains("template 'nope.ftlh' is not in the templates folder");
  }

  @Test
  void openingTheEmailTakesTheOpenedBranch() throws Exception {
    ProcessInstance guide = sendGuide("");

    HttpResponse<byte[]> pixel = visit(link(part(receivedBy(email), "text/html"), "/t/o/"), "Mozilla/5.0 (Macintosh)");

    assertThat(pixel.statusCode()).isEqualTo(200);
    assertThat(pixel.headers().firstValue("Content-Type")).hasValue("image/gif");
    assertThat(guide).hasPassed("Opened").isWaitingAt("ClickOutcome");
  }

  @Test
  void clickRedirectsToTheOriginalLinkAndTakesTheClickedBranch() throws Exception {
    ProcessInstance guide = sendGuide("");

    HttpResponse<byte[]> click = visit(link(part(receivedBy(email), "text/html"), "/t/c/"), "Mozilla/5.0");

    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValue("https://docs.touchpoint.test/start?from=email&step=1");
    eventually().untilAsserted(() -> assertThat(guide).hasPassedInOrder("Opened", "Clicked", "EndClicked").isEnded());
  }

  @Test
  void tamperedTrackingLinkIsNotFoundAndRedirectsNowhere() throws Exception {
    ProcessInstance guide = sendGuide("");
    String click = link(part(receivedBy(email), "text/html"), "/t/c/");
    String tampered = click.substring(0, click.length() - 3) + (click.endsWith("A") ? "BBB" : "AAA");

    HttpResponse<byte[]> response = visit(tampered, "Mozilla/5.0");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(visit("/t/c/not-a-token", "Mozilla/5.0").statusCode()).isEqualTo(404);
    assertThat(guide).isWaitingAt("GuideOutcome");
  }

  @Test
  void imageProxyOpenIsRecordedAsMachineOpenAndMovesNothing() throws Exception {
    ProcessInstance guide = sendGuide("");

    visit(link(part(receivedBy(email), "text/html"), "/t/o/"), "Mozilla/5.0 (via ggpht.com GoogleImageProxy)");

    assertThat(machineOpens.count(deliveryOf(guide, "SendGuide").id())).isEqualTo(1);
    assertThat(ledger.statuses(deliveryOf(guide, "SendGuide").id())).doesNotContain(DeliveryStatus.OPENED);
    assertThat(guide).isWaitingAt("GuideOutcome");
  }

  @Test
  void oneClickUnsubscribeOptsOutAndTheNextEmailIsSkipped() throws Exception {
    sendGuide("");
    String unsubscribe = receivedBy(email).getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");

    HttpResponse<String> response = browser.send(HttpRequest.newBuilder(local(unsubscribe))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(consent.isOptedOut(Channel.EMAIL, email)).isTrue();

    MAIL.purgeEmailFromAllMailboxes();
    ProcessInstance next = sendGuide("");
    assertThat(deliveryOf(next, "SendGuide").outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(MAIL.getReceivedMessagesForDomain(email.substring(email.indexOf('@') + 1))).isEmpty();
  }

  @Test
  void footerLinkShowsAConfirmationInsteadOfUnsubscribingOnSight() throws Exception {
    sendGuide("");

    HttpResponse<byte[]> page = visit(link(part(receivedBy(email), "text/html"), "/t/u/"), "Mozilla/5.0");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body())).contains("<form method=\"post\">");
    assertThat(consent.isOptedOut(Channel.EMAIL, email)).isFalse();
  }

  @Test
  void attachmentFromAUrlIsFetchedAtSendTime() throws Exception {
    TWILIO.stubFor(get(urlPathEqualTo("/files/brochure.pdf"))
        .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody("%PDF-1.4 brochure")));

    sendGuide("\"attachment\":\"" + TWILIO.baseUrl() + "/files/brochure.pdf\"");

    assertThat(attachmentNames(receivedBy(email))).containsExactly("brochure.pdf");
  }

  @Test
  void attachmentUrlOnAnInternalAddressSkipsTheEmailAndIsNeverFetched() {
    // 127.0.0.2 is loopback like the allowlisted 127.0.0.1, but not on touchpoint.webhook.allowed-hosts
    TWILIO.stubFor(get(urlPathEqualTo("/internal/credentials")).willReturn(aResponse().withBody("role-secret")));

    ProcessInstance guide = sendGuide("\"attachment\":\"http://127.0.0.2:" + TWILIO.port() + "/internal/credentials\"");

    Delivery delivery = deliveryOf(guide, "SendGuide");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(delivery.outcomeReason()).contains("127.0.0.2", "internal address");
    TWILIO.verify(0, getRequestedFor(urlPathEqualTo("/internal/credentials")));
    assertThat(MAIL.getReceivedMessagesForDomain(email.substring(email.indexOf('@') + 1))).isEmpty();
  }

  @Test
  void attachmentRedirectedToAnInternalAddressIsRefusedAtThatHop() {
    TWILIO.stubFor(get(urlPathEqualTo("/files/moved.pdf")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.2:" + TWILIO.port() + "/internal/credentials")));
    TWILIO.stubFor(get(urlPathEqualTo("/internal/credentials")).willReturn(aResponse().withBody("role-secret")));

    ProcessInstance guide = sendGuide("\"attachment\":\"" + TWILIO.baseUrl() + "/files/moved.pdf\"");

    assertThat(deliveryOf(guide, "SendGuide").outcome()).isEqualTo(Outcome.SKIPPED);
    TWILIO.verify(1, getRequestedFor(urlPathEqualTo("/files/moved.pdf")));
    TWILIO.verify(0, getRequestedFor(urlPathEqualTo("/internal/credentials")));
  }

  @Test
  void attachmentRedirectedToAnAllowedHostIsFetchedThere() throws Exception {
    TWILIO.stubFor(get(urlPathEqualTo("/files/latest")).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "/files/brochure-v2.pdf")));
    TWILIO.stubFor(get(urlPathEqualTo("/files/brochure-v2.pdf"))
        .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody("%PDF-1.4 brochure")));

    sendGuide("\"attachment\":\"" + TWILIO.baseUrl() + "/files/latest\"");

    assertThat(attachmentNames(receivedBy(email))).containsExactly("latest");
  }

  @Test
  void unknownAttachmentSkipsTheEmailWithTheReason() {
    ProcessInstance guide = sendGuide("\"attachment\":\"../../etc/passwd\"");

    Delivery delivery = deliveryOf(guide, "SendGuide");
    assertThat(delivery.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(delivery.outcomeReason()).contains("not a file in the attachments folder");
  }

  @Test
  void permanentBounceReadFromTheBounceMailboxTakesTheBouncedBranch() throws Exception {
    ProcessInstance guide = sendGuide("");
    String deliveryId = deliveryOf(guide, "SendGuide").id();
    mailServerReports("dsn-bounce-permanent.eml", deliveryId);
    mailServerReports("dsn-bounce-permanent.eml", deliveryId);

    assertThat(bounceMailbox.poll()).isEqualTo(2);

    assertThat(guide).hasPassed("Bounced", "EndBounced").isEnded();
    assertThat(ledger.statuses(deliveryId)).contains(DeliveryStatus.BOUNCED);
  }

  @Test
  void delayReportChangesNothing() throws Exception {
    ProcessInstance guide = sendGuide("");
    mailServerReports("dsn-delayed.eml", deliveryOf(guide, "SendGuide").id());

    bounceMailbox.poll();

    assertThat(guide).isWaitingAt("GuideOutcome");
  }

  @Test
  void unopenedGuideEndsAfterTwoDays() {
    ProcessInstance guide = sendGuide("");

    timePasses(Duration.ofDays(2).plusMinutes(1), guide);

    assertThat(guide).hasPassed("Unopened", "EndUnopened").isEnded();
  }

  private ProcessInstance sendGuide(String data) {
    return instanceOf("email-guide", send("email-guide", "test.email", "Ana", data));
  }

  /** Starts the journey for a new contact of this name (JSON-escaped) and runs its jobs; the contact's id. */
  private String send(String journey, String event, String firstName, String data) {
    String contact = "mail-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"%s","contact":{"id":"%s","email":"%s","firstName":"%s"},"data":{%s}}"""
        .formatted(event, contact, email, firstName, data)).statusCode()).isEqualTo(202);
    runDueJobs(instanceOf(journey, contact));
    return contact;
  }

  /** The guide journey as {@code email-text}, with this FreeMarker text part. */
  private static String textVariant(String text) throws Exception {
    String bpmn;
    try (InputStream in = EmailOverSmtpTest.class.getResourceAsStream("/bpmn/email-guide.bpmn")) {
      bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return bpmn.replace("id=\"email-guide\"", "id=\"email-text\"")
        .replace("value=\"test.email\"", "value=\"test.email-text\"")
        .replace("<camunda:inputParameter name=\"replyTo\">", "<camunda:inputParameter name=\"text\">"
            + "<camunda:script scriptFormat=\"freemarker\">" + text + "</camunda:script></camunda:inputParameter>"
            + "<camunda:inputParameter name=\"replyTo\">");
  }

  /** Where each tracked click link in the part redirects to. */
  private List<String> clickTargets(String part) throws Exception {
    List<String> targets = new ArrayList<>();
    Matcher matcher = TRACKING_LINK.matcher(part.replace("&amp;", "&"));
    while (matcher.find()) {
      if (matcher.group(1).startsWith("/t/c/")) {
        targets.add(visit(matcher.group(1), "Mozilla/5.0").headers().firstValue("Location").orElseThrow());
      }
    }
    return targets;
  }

  private MimeMessage receivedBy(String address) {
    MimeMessage[] received = MAIL.getReceivedMessagesForDomain(address.substring(address.indexOf('@') + 1));
    assertThat(received).hasSize(1);
    return received[0];
  }

  private HttpResponse<byte[]> visit(String link, String userAgent) throws Exception {
    return browser.send(HttpRequest.newBuilder(local(link)).header("User-Agent", userAgent).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The public tracking URL as this test server answers it. */
  private URI local(String link) {
    return URI.create("http://localhost:" + port + link.replace("https://touchpoint.test", ""));
  }

  private static String link(String html, String kind) {
    Matcher matcher = TRACKING_LINK.matcher(html.replace("&amp;", "&"));
    while (matcher.find()) {
      if (matcher.group(1).startsWith(kind)) {
        return matcher.group(1);
      }
    }
    throw new AssertionError("no " + kind + " link in " + html);
  }

  private static String part(Part part, String type) throws Exception {
    if (part.isMimeType(type) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        try {
          return part(multipart.getBodyPart(i), type);
        } catch (AssertionError notHere) {
          // keep looking
        }
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  private static List<String> attachmentNames(Part part) throws Exception {
    List<String> names = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        if (Part.ATTACHMENT.equalsIgnoreCase(body.getDisposition())) {
          names.add(body.getFileName());
        } else {
          names.addAll(attachmentNames(body));
        }
      }
    }
    return names;
  }
}
