package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.timeline.ContactHistory;
import io.touchpoint.timeline.ContactTimeline;
import io.touchpoint.timeline.TimelineCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A contact's timeline in Cockpit, opened from its journey's process instance and from the Journeys page's contact
 * lookup: its journeys, steps and messages with their statuses, as the timeline service has them.
 */
@CockpitApplicationTest
class ContactTimelineCockpitTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ContactTimeline timeline;
  @Autowired TimelineCsv csv;
  @Autowired ObjectMapper json;

  CockpitBrowser browser;
  String contact;
  ProcessInstance instance;

  @BeforeAll
  void aContactGetsItsSmsDelivered(@TempDir Path downloads) {
    WaitingJourney journey = new WaitingJourney("cockpit-timeline", port, repositoryService, runtimeService);
    journey.deploy(1);
    contact = "timeline-" + UUID.randomUUID();
    instance = journey.start(contact, "now");
    // the simulator reports the SMS sent, then delivered
    await().atMost(Duration.ofSeconds(60)).until(() -> timeline.of(contact).journeys().get(0).messages().get(0)
        .statuses().stream().map(ContactHistory.Status::status).toList().contains("delivered"));
    browser = new CockpitBrowser("http://localhost:" + port, downloads);
    browser.logIn("demo", "demo");
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void processInstanceTabShowsTheContactsStepsMessagesAndStatuses() {
    browser.openCockpit("/process-instance/" + instance.getId() + "/runtime");
    browser.clickLink("Contact timeline");
    WebElement shown = browser.await(".tp-timeline[data-contact='" + contact + "'][data-loaded='true']");

    WebElement journey = shown.findElement(By.cssSelector(
        ".tp-timeline-journey.tp-current[data-process-instance-id='" + instance.getId() + "']"));
    assertThat(journey.findElement(By.tagName("h4")).getText()).isEqualTo("cockpit-timeline v1");
    assertThat(journey.findElements(By.cssSelector("[data-table='steps'] tr[data-step]")))
        .extracting(row -> row.getAttribute("data-step")).containsSubsequence("Started", "When", "Hello", "Gate");
    assertThat(journey.findElement(By.cssSelector("[data-table='steps'] tr[data-step='Gate']")).getText())
        .endsWith("waiting");
    WebElement sms = journey.findElement(By.cssSelector("[data-table='messages'] tr[data-step='Hello']"));
    assertThat(sms.findElement(By.cssSelector("[data-metric='decision']")).getText()).isEqualTo("ACCEPTED");
    assertThat(sms.findElements(By.cssSelector("[data-metric='statuses'] [data-status]")))
        .extracting(status -> status.getAttribute("data-status")).containsSubsequence("sent", "delivered");
    assertThat(sms.getText()).contains("sms");
    assertThat(shown.getText()).contains("None of the contact's addresses opted out.");

    // the tabs at full height, so the picture shows the timeline
    browser.clickInPage("a.hide-collapsable.vertical-collapse");
    browser.await("a.show-collapsable.vertical-collapse");
    browser.screenshot(screenshot("cockpit-timeline.png"));
    browser.clickInPage("a.show-collapsable.vertical-collapse");
  }

  @Test
  void journeysPageLooksUpAContactWhoseTimelineDownloadsAsTheServiceCsv() throws Exception {
    browser.openCockpit("/touchpoint-journeys");
    browser.await("[data-touchpoint='contact-lookup'] input[name='contact']").sendKeys(contact);
    browser.click("[data-touchpoint='contact-lookup'] button[type='submit']");
    browser.await(".tp-timeline-page .tp-timeline[data-contact='" + contact + "'] [data-table='messages']");

    browser.click("[data-download='timeline-csv']");
    Path file = browser.downloaded("timeline-" + contact + ".csv");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(csv.of(timeline.of(contact)));
  }

  @Test
  void anUnknownContactIsNotFoundAndAnOverlongIdIsRefusedNamingTheField() throws Exception {
    List<Object> unknown = browser.fetch(pluginPath("/contacts/nobody-" + UUID.randomUUID() + "/timeline"));
    assertThat(unknown.get(0)).isEqualTo(404L);
    assertThat((String) unknown.get(1)).startsWith("application/problem+json");

    List<Object> overlong = browser.fetch(pluginPath("/contacts/" + "x".repeat(256) + "/timeline.csv"));
    assertThat(overlong.get(0)).isEqualTo(400L);
    assertThat(json.readTree((String) overlong.get(2)).at("/errors/0/field").asText()).isEqualTo("id");
  }

  private static String pluginPath(String path) {
    return "/camunda/api/cockpit/plugin/touchpoint/default" + path;
  }

  private static Path screenshot(String name) {
    return Path.of(System.getProperty("touchpoint.screenshots", "target/cockpit-screenshots"), name);
  }
}
