package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.AnalyticsRange;
import io.touchpoint.analytics.ComponentMetrics;
import io.touchpoint.analytics.JourneyAnalytics;
import io.touchpoint.analytics.JourneyMetrics;
import io.touchpoint.analytics.JourneyReport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;

/**
 * The Touchpoint Cockpit plugin in a real browser against the running app: five contacts go through
 * the "Trial conversion" journey to known outcomes (two buy, one leaves, one is reminded a day later,
 * one is still thinking); Cockpit then shows the analytics service's figures, per page, tab and
 * diagram, and its downloads carry the same data.
 *
 * <p>Screenshots go to {@code target/cockpit-screenshots}, or with {@code -Dtouchpoint.screenshots=DIR}
 * to that folder: {@code ../docs/images} makes the README's images.
 */
@CockpitApplicationTest
class JourneyAnalyticsCockpitTest {

  static final String JOURNEY = "trial-conversion";

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired JourneyAnalytics analytics;
  @Autowired AnalyticsCsv csv;
  @Autowired ObjectMapper json;

  CockpitBrowser browser;
  String definitionId;

  @BeforeAll
  void contactsGoThroughTheJourney(@TempDir Path downloads) throws Exception {
    // cockpit/trial-conversion.bpmn is on the test classpath, so Camunda's auto-deployment deployed it
    definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(JOURNEY).latestVersion()
        .singleResult().getId();
    // spread over three days, so the timeline has more than one point; the thinkers start today,
    // so their one-day timers are not due yet. The job executor pauses meanwhile: a job locked on
    // the set-back clock would look expired once the clock is back and run a second time.
    JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
        .getJobExecutor();
    jobExecutor.shutdown();
    try {
      startTrial("buy", 2);
      startTrial("leave", 2);
      startTrial("buy", 1);
      startTrial("think", 0);
      startTrial("think", 0);
    } finally {
      jobExecutor.start();
    }
    // the welcome SMS is sent by the job executor; then the gateway routes each contact by plan
    await().atMost(Duration.ofSeconds(60)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionId(definitionId).finished().count() == 3
        && waitingTimers().size() == 2);
    // one of the thinkers gets the reminder a day later
    managementService.executeJob(waitingTimers().get(0).getId());
    await().atMost(Duration.ofSeconds(60)).until(() -> historyService.createHistoricProcessInstanceQuery()
        .processDefinitionId(definitionId).finished().count() == 4);
    // and the simulator has reported every send as delivered
    await().atMost(Duration.ofSeconds(60)).until(() -> countsOf(report(), "SendWelcome").get("delivered") == 5
        && countsOf(report(), "SendReminder").get("delivered") == 1);

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
  void analyticsServiceSeesTheKnownOutcomes() {
    JourneyMetrics trial = summary();
    assertThat(trial.started()).isEqualTo(5);
    assertThat(trial.active()).isEqualTo(1);
    assertThat(trial.completed()).isEqualTo(3);
    assertThat(trial.goals()).isEqualTo(2);
    assertThat(trial.dropOffs()).isEqualTo(1);
    assertThat(trial.incidents()).isZero();
    assertThat(trial.conversionRate()).isEqualTo(0.4);
  }

  @Test
  void anonymousCallersAreRefused() throws Exception {
    for (String path : List.of("/journeys", "/journeys.csv", "/journeys/" + JOURNEY,
        "/journeys/" + JOURNEY + "/components.csv")) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + pluginPath(path))).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.body()).as(path).doesNotContain("\"started\"").doesNotContain("Trial conversion");
    }
  }

  @Test
  void pluginApiAnswersTheServiceRecordsAsJson() throws Exception {
    List<Object> answer = browser.fetch(pluginPath("/journeys"));
    assertThat(answer.get(0)).isEqualTo(200L);
    assertThat((String) answer.get(1)).startsWith("application/json");
    assertThat(json.readTree((String) answer.get(2)))
        .isEqualTo(json.readTree(json.writeValueAsString(Map.of("journeys", analytics.journeys(AnalyticsRange.all())))));

    List<Object> report = browser.fetch(pluginPath("/journeys/" + JOURNEY + "?version=1"));
    assertThat(json.readTree((String) report.get(2)))
        .isEqualTo(json.readTree(json.writeValueAsString(analytics.journey(JOURNEY, 1, AnalyticsRange.all()))));
  }

  @Test
  void unreadableParametersAreRefusedNamingTheField() throws Exception {
    for (Map.Entry<String, String> call : Map.of(
        "/journeys?from=yesterday", "from",
        "/journeys?from=2026-11-02&to=2026-11-01", "to",
        "/journeys.csv?to=soon", "to",
        "/journeys?machineOpens=maybe", "machineOpens",
        "/journeys/" + JOURNEY + "?version=latest", "version").entrySet()) {
      List<Object> answer = browser.fetch(pluginPath(call.getKey()));
      assertThat(answer.get(0)).as(call.getKey()).isEqualTo(400L);
      assertThat((String) answer.get(1)).as(call.getKey()).startsWith("application/problem+json");
      assertThat(json.readTree((String) answer.get(2)).at("/errors/0/field").asText()).as(call.getKey())
          .isEqualTo(call.getValue());
    }
    List<Object> twoMistakes = browser.fetch(pluginPath("/journeys/" + JOURNEY + "/components.csv?from=soon&version=0"));
    assertThat(json.readTree((String) twoMistakes.get(2)).findValuesAsText("field")).containsExactly("from", "version");
  }

  @Test
  void unknownJourneyIsNotFound() {
    List<Object> answer = browser.fetch(pluginPath("/journeys/no-such-journey"));
    assertThat(answer.get(0)).isEqualTo(404L);
    assertThat((String) answer.get(2)).contains("no-such-journey");
  }

  @Test
  void journeysPageFromTheNavigationShowsTheServiceFigures() {
    browser.openCockpit("/dashboard");
    browser.click("[data-touchpoint='journeys-navigation']");
    WebElement row = browser.await("tr[data-journey='" + JOURNEY + "']");
    JourneyMetrics expected = summary();

    assertThat(cell(row, "started")).isEqualTo("5");
    assertThat(cell(row, "active")).isEqualTo("1");
    assertThat(cell(row, "completed")).isEqualTo("3");
    assertThat(cell(row, "dropOffs")).isEqualTo("1");
    assertThat(cell(row, "incidents")).isEqualTo("0");
    assertThat(cell(row, "goals")).isEqualTo("2");
    assertThat(cell(row, "conversionRate")).isEqualTo("40.0 %");
    assertThat(expected.avgDurationSeconds()).isNotNull();
    assertThat(Double.parseDouble(value(row, "avgDurationSeconds"))).isEqualTo(expected.avgDurationSeconds());
    assertThat(Double.parseDouble(value(row, "p90DurationSeconds"))).isEqualTo(expected.p90DurationSeconds());
    assertThat(row.getText()).contains(expected.name());

    browser.await(".tp-journey-chart[data-journey='" + JOURNEY + "'] svg.tp-chart");
    browser.await("tr[data-journey='" + JOURNEY + "']"); // the picture shows the table, scrolled to this row
    browser.screenshot(screenshot("cockpit-journeys.png"));
  }

  @Test
  void journeysTableDownloadsAsTheServiceCsv() throws Exception {
    browser.openCockpit("/touchpoint-journeys");
    browser.await("tr[data-journey='" + JOURNEY + "']");
    browser.click("[data-download='journeys-csv']");

    Path file = browser.downloaded("journeys.csv");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(csv.journeys(analytics.journeys(AnalyticsRange.all())));
  }

  @Test
  void timelineChartDownloadsAsSvgAndPng() throws Exception {
    browser.openCockpit("/touchpoint-journeys");
    String chart = ".tp-journey-chart[data-journey='" + JOURNEY + "'] ";
    browser.await(chart + "svg.tp-chart");

    browser.click(chart + "[data-download='svg']");
    Path svg = browser.downloaded("journey-" + JOURNEY + ".svg");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder().parse(svg.toFile());
    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
    long startedInBars = 0;
    var bars = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
    for (int i = 0; i < bars.getLength(); i++) {
      var bar = (org.w3c.dom.Element) bars.item(i);
      if (bar.getAttribute("data-series").equals("started")) {
        startedInBars += Long.parseLong(bar.getAttribute("data-value"));
      }
    }
    assertThat(startedInBars).as("the chart's started bars add up to the journey's starts").isEqualTo(5);

    browser.click(chart + "[data-download='png']");
    Path png = browser.downloaded("journey-" + JOURNEY + ".png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(png)));
    assertThat(image).as("a readable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(2 * 640);
    assertThat(image.getHeight()).isEqualTo(2 * 240);
  }

  @Test
  void definitionTabShowsEachChannelTasksCountsAndBranchShares() throws Exception {
    openDefinitionTab();
    // the tabs at full height, so the picture shows the tables
    browser.clickInPage("a.hide-collapsable.vertical-collapse");
    browser.await("a.show-collapsable.vertical-collapse");
    browser.screenshot(screenshot("cockpit-journey-tab.png"));
    browser.clickInPage("a.show-collapsable.vertical-collapse");
    ComponentMetrics welcome = component(report(), "SendWelcome");
    WebElement welcomeRow = browser.await("[data-table='components'] tr[data-activity-id='SendWelcome']");
    welcome.counts().entrySet().stream().filter(count -> !count.getKey().equals("shadow")).forEach(count ->
        assertThat(welcomeRow.findElement(By.cssSelector("[data-count='" + count.getKey() + "']")).getText())
            .as(count.getKey()).isEqualTo(String.valueOf(count.getValue())));
    assertThat(welcomeRow.findElements(By.cssSelector("[data-count='shadow']")))
        .as("a live version records nothing in shadow mode: the table leaves that column out").isEmpty();
    assertThat(welcomeRow.findElement(By.cssSelector("[data-count='sent']")).getText()).isEqualTo("5");

    WebElement bought = browser.await("[data-table='branches'] tr[data-flow-id='Flow_Plan_Bought']");
    assertThat(bought.findElement(By.cssSelector("[data-metric='taken']")).getText()).isEqualTo("2");
    assertThat(bought.findElement(By.cssSelector("[data-metric='share']")).getText()).isEqualTo("40.0 %");

    browser.click("[data-download='components-csv']");
    Path file = browser.downloaded(JOURNEY + "-components.csv");
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo(csv.components(analytics.journey(JOURNEY, 1, AnalyticsRange.all())));
  }

  @Test
  void diagramOverlayShowsCountsOnChannelTasksAndSharesOnBranches() {
    browser.openCockpit("/process-definition/" + definitionId + "/runtime");
    assertThat(browser.awaitText(".tp-overlay-component[data-activity-id='SendWelcome']", "sent 5"))
        .contains("delivered 5");
    assertThat(browser.awaitText(".tp-overlay-component[data-activity-id='SendReminder']", "sent 1"))
        .contains("delivered 1");
    assertThat(browser.awaitText(".tp-overlay-branch[data-flow-id='Flow_Plan_Bought']", "%")).isEqualTo("40.0 %");
    assertThat(browser.awaitText(".tp-overlay-branch[data-flow-id='Flow_Plan_Left']", "%")).isEqualTo("20.0 %");
    assertThat(browser.awaitText(".tp-overlay-branch[data-flow-id='Flow_Plan_WaitOneDay']", "%")).isEqualTo("40.0 %");

    // the diagram at full width, so no overlay is cut off in the picture
    browser.clickInPage("a.maximize-collapsable");
    // the diagram hides its overlays while it zooms to the new size, and shows them once it is done
    browser.awaitTrue("""
        const diagram = document.querySelector('.djs-container');
        return diagram.getBoundingClientRect().width > 1300
          && getComputedStyle(diagram.querySelector('.djs-overlay-container')).display !== 'none'
          && diagram.querySelectorAll('.tp-overlay-component, .tp-overlay-branch').length === 5;
        """);
    browser.screenshot(screenshot("cockpit-overlay.png"));
    browser.clickInPage("a.restore-collapsable");
  }


  private void openDefinitionTab() {
    browser.openCockpit("/process-definition/" + definitionId + "/runtime");
    browser.clickLink("Journey analytics");
    browser.await(".tp-tab[data-loaded='true']");
  }

  /** Starts the journey through the event API; days ago on the engine's clock, which history records. */
  private void startTrial(String plan, int daysAgo) throws Exception {
    String contact = "trial-" + UUID.randomUUID();
    HttpRequest event = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer demo-key")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"name":"cockpit-test.trial","id":"evt-%s","contact":{"id":"%s","phone":"+15551230000","firstName":"Ana"},
             "data":{"plan":"%s"}}""".formatted(contact, contact, plan)))
        .build();
    ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofDays(daysAgo))));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(event, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    } finally {
      ClockUtil.reset();
    }
  }


  private List<Job> waitingTimers() {
    return managementService.createJobQuery().processDefinitionId(definitionId).timers().list();
  }

  private JourneyReport report() {
    return analytics.journey(JOURNEY, null, AnalyticsRange.all());
  }

  private JourneyMetrics summary() {
    return analytics.journeys(AnalyticsRange.all()).stream().filter(journey -> journey.key().equals(JOURNEY))
        .findFirst().orElseThrow();
  }

  private static ComponentMetrics component(JourneyReport report, String activityId) {
    return report.components().stream().filter(component -> component.activityId().equals(activityId))
        .findFirst().orElseThrow();
  }

  private static Map<String, Long> countsOf(JourneyReport report, String activityId) {
    return component(report, activityId).counts();
  }

  private static String cell(WebElement row, String metric) {
    return row.findElement(By.cssSelector("[data-metric='" + metric + "']")).getText();
  }

  private static String value(WebElement row, String metric) {
    return row.findElement(By.cssSelector("[data-metric='" + metric + "']")).getAttribute("data-value");
  }

  private static String pluginPath(String path) {
    return "/camunda/api/cockpit/plugin/touchpoint/default" + path;
  }

  private static Path screenshot(String name) {
    String docs = System.getProperty("touchpoint.screenshots");
    return Path.of(docs != null ? docs : "target/cockpit-screenshots", name);
  }
}
