package io.touchpoint.channel.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.touchpoint.consent.ConsentRegistry;
import io.touchpoint.delivery.Channel;
import io.touchpoint.delivery.Delivery.Outcome;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.delivery.DeliveryStatus;
import io.touchpoint.testapp.FakeFirebaseProject;
import io.touchpoint.testapp.JourneyTest;
import io.touchpoint.tracking.TrackingLinks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Push through the real Firebase Admin SDK against a local fake of FCM's HTTP v1 API (and of
 * Google's token endpoint): the message as FCM documents it, receipts, dead tokens.
 */
class PushOverFcmTest extends JourneyTest {

  static final String SEND_PATH = "/v1/projects/" + FakeFirebaseProject.PROJECT_ID + "/messages:send";

  @Autowired
  TrackingLinks links;
  @Autowired
  ConsentRegistry consent;

  String token;

  @BeforeEach
  void fcmAcceptsNotifications() {
    deploy("bpmn/push-reminder.bpmn");
    token = "device-" + UUID.randomUUID();
    TWILIO.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-access\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")));
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withTransformers("response-template")
        .withBody("{\"name\":\"projects/touchpoint-test/messages/0:{{randomValue length=24 type='ALPHANUMERIC'}}\"}")));
  }

  @Test
  void notificationCarriesEveryPlatformsSettingsAndASignedReceiptUrl() {
    ProcessInstance reminder = remind(token);

    TWILIO.verify(postRequestedFor(urlPathEqualTo(SEND_PATH))
        .withHeader("Authorization", equalTo("Bearer ya29.test-access"))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
        .withRequestBody(matchingJsonPath("$.message.notification.title", equalTo("Finish your profile, Ana")))
        .withRequestBody(matchingJsonPath("$.message.android.priority", equalTo("high")))
        .withRequestBody(matchingJsonPath("$.message.android.ttl", equalTo("3600s")))
        .withRequestBody(matchingJsonPath("$.message.android.collapse_key", equalTo("profile")))
        .withRequestBody(matchingJsonPath("$.message.apns.headers.apns-collapse-id", equalTo("profile")))
        .withRequestBody(matchingJsonPath("$.message.apns.payload.aps.badge", equalTo("1")))
        .withRequestBody(matchingJsonPath("$.message.webpush.fcm_options.link", equalTo("https://app.touchpoint.test/profile")))
        .withRequestBody(matchingJsonPath("$.message.data.screen", equalTo("profile")))
        .withRequestBody(matchingJsonPath("$.message.data.touchpoint_receipt_url", containing("https://touchpoint.test/t/r/"))));
    Delivery delivery = deliveryOf(reminder, "Remind");
    assertThat(delivery.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(delivery.providerMessageId()).startsWith("projects/touchpoint-test/messages/");
  }

  @Test
  void deliveredThenClickedReceiptsWalkTheJourney() throws Exception {
    ProcessInstance reminder = remind(token);
    String receipt = receiptUrl();

    assertThat(postReceipt(receipt, "delivered")).isEqualTo(204);
    assertThat(reminder).hasPassed("Delivered").isWaitingAt("ClickOutcome");
    assertThat(postReceipt(receipt, "clicked")).isEqualTo(204);

    assertThat(reminder).hasPassedInOrder("Remind", "Delivered", "Clicked", "EndClicked").isEnded();
  }

  @Test
  void receiptPostedBeforeItsSendIsCommittedIsKeptNotRefused() throws Exception {
    String notYetRecorded = UUID.randomUUID().toString();

    assertThat(postReceipt(links.receipt(notYetRecorded), "delivered")).isEqualTo(204);

    assertThat(ledger.statuses(notYetRecorded)).contains(DeliveryStatus.DELIVERED);
  }

  @Test
  void tamperedReceiptIsNotFoundAndRecordsNothing() throws Exception {
    ProcessInstance reminder = remind(token);
    String receipt = receiptUrl();

    assertThat(postReceipt(receipt.substring(0, receipt.length() - 2) + "xx", "delivered")).isEqualTo(404);

    assertThat(reminder).isWaitingAt("Outcome");
  }

  @Test
  void unregisteredTokenFailsTheSendAndIsNeverUsedAgain() {
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
             "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}""")));

    ProcessInstance first = remind(token);
    eventually().untilAsserted(() -> assertThat(first).hasPassed("Failed", "EndFailed").isEnded());
    assertThat(deliveryOf(first, "Remind").outcome()).isEqualTo(Outcome.REJECTED);

    ProcessInstance second = remind(token);
    assertThat(deliveryOf(second, "Remind").outcome()).isEqualTo(Outcome.SKIPPED);
    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)).withRequestBody(matchingJsonPath("$.message.token", equalTo(token))));
  }

  @Test
  void aBadRequestWithoutFcmsErrorCodeFailsTheSendWithoutDroppingTheToken() {
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}""")));

    ProcessInstance reminder = remind(token);

    Delivery delivery = deliveryOf(reminder, "Remind");
    assertThat(delivery.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(delivery.outcomeCode()).isEqualTo("INVALID_ARGUMENT");
    eventually().untilAsserted(() -> assertThat(reminder).hasPassed("Failed").isEnded());
    assertThat(consent.isOptedOut(Channel.PUSH, token)).isFalse();
  }

  @Test
  void anErrorWithoutFcmsErrorCodeIsRetriedWithItsHttpStatusNamed() {
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
        .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}}""")));
    String contact = "push-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.push","contact":{"id":"%s","pushToken":"%s","firstName":"Ana"}}""".formatted(contact, token));
    ProcessInstance reminder = instanceOf("push-reminder", contact);

    runDueJobs(reminder);

    Job retry = managementService.createJobQuery().processInstanceId(reminder.getId()).activityId("Remind")
        .singleResult();
    assertThat(retry.getRetries()).isPositive();
    assertThat(retry.getExceptionMessage()).contains("TOUCHPOINT-PUSH-001 FCM failed with HTTP 403");
  }

  @Test
  void anExceededQuotaPausesFcmForItsRetryAfterWithoutSpendingARetry() {
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(token)))
        .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", "3600").withBody("""
            {"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED",
             "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"QUOTA_EXCEEDED"}]}}""")));
    String contact = "push-" + UUID.randomUUID();
    sendEvent("""
        {"name":"test.push","contact":{"id":"%s","pushToken":"%s","firstName":"Ana"}}""".formatted(contact, token));
    ProcessInstance reminder = instanceOf("push-reminder", contact);

    runDueJobs(reminder);

    Job retry = managementService.createJobQuery().processInstanceId(reminder.getId()).activityId("Remind")
        .singleResult();
    assertThat(retry.getDuedate()).isAfterOrEqualTo(
        new java.util.Date(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() + 3_590_000));
    assertThat(retry.getRetries()).isEqualTo(3);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(reminder.getId()).count()).isZero();
    assertThat(touchpointJdbc.sql("select paused_until from tp_provider_throttle where provider = 'fcm'")
        .query(java.time.OffsetDateTime.class).single()).isAfter(java.time.OffsetDateTime.now().plusMinutes(59));
  }

  @Test
  void everyDeviceIsNotifiedAndLedgeredAndAReceiptFromAnyMovesTheJourney() throws Exception {
    String phone = token + "-phone";
    String tablet = token + "-tablet";
    ProcessInstance reminder = remind(phone + "," + tablet);

    Delivery send = deliveryOf(reminder, "Remind");
    assertThat(ledger.parts(send.id())).extracting(Delivery::recipient).containsExactlyInAnyOrder(phone, tablet);
    assertThat(ledger.parts(send.id())).allSatisfy(part -> assertThat(part.outcome()).isEqualTo(Outcome.ACCEPTED));
    assertThat(postReceipt(receiptUrlFor(tablet), "delivered")).isEqualTo(204);

    assertThat(reminder).hasPassed("Delivered").isWaitingAt("ClickOutcome");
  }

  @Test
  void aDeadDeviceAmongSeveralIsDroppedAndTheOthersStillNotified() {
    String dead = token + "-old";
    String live = token + "-new";
    TWILIO.stubFor(post(urlPathEqualTo(SEND_PATH)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(dead)))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
             "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}""")));

    ProcessInstance first = remind(dead + "," + live);
    assertThat(deliveryOf(first, "Remind").outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(first).isWaitingAt("Outcome");
    remind(dead + "," + live);

    TWILIO.verify(1, postRequestedFor(urlPathEqualTo(SEND_PATH)).withRequestBody(matchingJsonPath("$.message.token", equalTo(dead))));
    TWILIO.verify(2, postRequestedFor(urlPathEqualTo(SEND_PATH)).withRequestBody(matchingJsonPath("$.message.token", equalTo(live))));
  }

  @Test
  void undeliveredNotificationEndsAfterADay() {
    ProcessInstance reminder = remind(token);

    timePasses(Duration.ofDays(1).plusMinutes(1), reminder);

    assertThat(reminder).hasPassed("Undelivered", "EndUndelivered").isEnded();
  }

  private ProcessInstance remind(String deviceToken) {
    String contact = "push-" + UUID.randomUUID();
    assertThat(sendEvent("""
        {"name":"test.push","contact":{"id":"%s","pushToken":"%s","firstName":"Ana"}}"""
        .formatted(contact, deviceToken)).statusCode()).isEqualTo(202);
    ProcessInstance reminder = instanceOf("push-reminder", contact);
    runDueJobs(reminder);
    return reminder;
  }

  private String receiptUrl() {
    return receiptUrlFor(token);
  }

  private String receiptUrlFor(String deviceToken) {
    LoggedRequest sent = TWILIO.findAll(postRequestedFor(urlPathEqualTo(SEND_PATH))
        .withRequestBody(matchingJsonPath("$.message.token", equalTo(deviceToken)))).get(0);
    String body = sent.getBodyAsString();
    int start = body.indexOf("https://touchpoint.test/t/r/");
    return body.substring(start, body.indexOf('"', start));
  }

  private int postReceipt(String receipt, String event) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + receipt.replace("https://touchpoint.test", "") + "?event=" + event))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
