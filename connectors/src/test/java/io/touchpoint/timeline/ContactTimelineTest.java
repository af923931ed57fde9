package io.touchpoint.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.delivery.Delivery;
import io.touchpoint.testapp.JourneyTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A contact's timeline: journey, steps, the message with its statuses, and the opt-out that followed. */
class ContactTimelineTest extends JourneyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private String deployment;

  @AfterEach
  void undeploy() {
    repositoryService.deleteDeployment(deployment, true);
  }

  @Test
  void theTimelineShowsTheJourneyItsStepsTheMessageWithItsStatusesAndTheOptOut() throws Exception {
    deployment = repositoryService.createDeployment().addClasspathResource("bpmn/migration/reminder-v1.bpmn").deploy()
        .getId();
    assertThat(sendEvent("""
        {"name":"test.reminder","id":"evt-timeline-1","contact":{"id":"u-timeline","phone":"+15557100001","firstName":"Ana"}}""")
        .statusCode()).isEqualTo(202);
    ProcessInstance instance = instanceOf("reminder", "u-timeline");
    ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + Duration.ofHours(1).toMillis()));
    runDueJobs(instance);
    Delivery hello = deliveryOf(instance, "Hello");
    twilioReportsStatus(hello.providerMessageId(), "delivered");
    runDueJobs(instance);
    contactTexts("+15557100001", "STOP");

    JsonNode timeline = json(callApi("GET", "/api/contacts/u-timeline/timeline"));
    assertThat(timeline.path("contact").asText()).isEqualTo("u-timeline");
    JsonNode journey = timeline.path("journeys").get(0);
    assertThat(journey.path("key").asText()).isEqualTo("reminder");
    assertThat(journey.path("version").asInt()).isEqualTo(1);
    assertThat(journey.path("startedAt").asText()).isNotBlank();
    assertThat(journey.path("endedAt").asText()).isNotBlank();
    assertThat(texts(journey.path("steps"), "id"))
        .containsExactly("Started", "Pause", "Hello", "Gate", "Delivered", "EndDelivered");
    assertThat(journey.path("steps").get(1).path("name").asText()).isEqualTo("Pause an hour");
    assertThat(journey.path("steps").get(1).path("leftAt").asText()).isNotBlank();
    JsonNode message = journey.path("messages").get(0);
    assertThat(journey.path("messages")).hasSize(1);
    assertThat(message.path("step").asText()).isEqualTo("Hello");
    assertThat(message.path("channel").asText()).isEqualTo("sms");
    assertThat(message.path("provider").asText()).isEqualTo("twilio");
    assertThat(message.path("providerMessageId").asText()).isEqualTo(hello.providerMessageId());
    assertThat(message.path("outcome").asText()).isEqualTo("ACCEPTED");
    assertThat(texts(message.path("statuses"), "status")).contains("delivered");
    JsonNode optOut = timeline.path("optOuts").get(0);
    assertThat(optOut.path("channel").asText()).isEqualTo("sms");
    assertThat(optOut.path("address").asText()).isEqualTo("+15557100001");

    HttpResponse<String> csv = callApi("GET", "/api/contacts/u-timeline/timeline.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo(TimelineCsv.HEADER);
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(",message,reminder,1,")
        .contains(",Hello,,sms,twilio," + hello.providerMessageId() + ",ACCEPTED"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(",status,reminder,1,").endsWith(",delivered"));
    assertThat(lines).anySatisfy(line -> assertThat(line).contains(",opted-out,").contains("+15557100001 STOP"));
  }

  @Test
  void anUnknownContactIsNotFoundAndAnOverlongIdIsABadRequest() throws Exception {
    deployment = repositoryService.createDeployment().addClasspathResource("bpmn/migration/reminder-v1.bpmn").deploy()
        .getId();
    assertThat(callApi("GET", "/api/contacts/nobody-known/timeline").statusCode()).isEqualTo(404);
    assertThat(callApi("GET", "/api/contacts/nobody-known/timeline.csv").statusCode()).isEqualTo(404);
    HttpResponse<String> overlong = callApi("GET", "/api/contacts/" + "x".repeat(256) + "/timeline");
    assertThat(overlong.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(overlong.body()).path("errors").get(0).path("field").asText()).isEqualTo("id");
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.path(field).asText()));
    return texts;
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
