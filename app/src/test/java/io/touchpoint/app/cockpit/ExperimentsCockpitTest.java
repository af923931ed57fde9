package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchpoint.analytics.AnalyticsCsv;
import io.touchpoint.analytics.ExperimentReport;
import io.touchpoint.analytics.JourneyExperiments;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Experiments panel of the Touchpoint Cockpit plugin in a real browser, on the shipped sample
 * "Promotional campaign with an A/B test": forty contacts enter (the holdout keeps some out, the split sends the
 * rest to control or B), every third orders. The tab's table, its chart and the diagram's counts on the
 * variants' flows show what the experiments service reports; its CSV download is the service's CSV.
 */
@CockpitApplicationTest
class ExperimentsCockpitTest {

  static final String JOURNEY = "promo-campaign-experiment";
  static final String EXPERIMENT = "promo-first-message";

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired JourneyExperiments experiments;
  @Autowired AnalyticsCsv csv;

  CockpitBrowser browser;
  String definitionId;

  @BeforeAll
  void contactsEnterAndSomeOrder(@TempDir Path downloads) throws Exception {
    definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(JOURNEY).latestVersion()
        .singleResult().getId();
    String audience = UUID.randomUUID().toString().substring(0, 8);
    List<String> contacts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String contact = "promo-" + audience + "-" + i;
      contacts.add(contact);
      event("""
          {"name":"promo.launched","contact":{"id":"%s","email":"%s@example.test","phone":"+15551230000"},
           "data":{"campaignId":"spring","campaignName":"Spring sale","discount":"20%%","couponCode":"SPRING20"}}"""
          .formatted(contact, contact));
    }
    for (int i = 2; i < contacts.size(); i += 3) {
      event("""
          {"name":"order.placed","contact":{"id":"%s"}}""".formatted(contacts.get(i)));
    }
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
  void experimentsTabShowsEachGroupsFiguresAsTheServiceReportsThem() throws Exception {
    ExperimentReport expected = theExperiment();
    assertThat(expected.holdout()).isNotNull();
    assertThat(expected.variants().stream().mapToLong(ExperimentReport.Group::entered).sum()
        + expected.holdout().entered()).isEqualTo(40);

    openExperimentsTab();
    List<ExperimentReport.Group> groups = new ArrayList<>(expected.variants());
    groups.add(expected.holdout());
    for (ExperimentReport.Group group : groups) {
      WebElement row = browser.await("[data-experiment='" + EXPERIMENT + "'] tr[data-group='" + group.name() + "']");
      assertThat(cell(row, "entered")).as(group.name()).isEqualTo(String.valueOf(group.entered()));
      assertThat(cell(row, "converted")).as(group.name()).isEqualTo(String.valueOf(group.converted()));
      assertThat(Double.parseDouble(row.findElement(By.cssSelector("[data-metric='rate']")).getAttribute("data-value")))
          .isEqualTo(group.rate());
      assertThat(cell(row, "decision")).isEqualTo(group.decision() == null ? "control" : group.decision());
    }
    assertThat(browser.all("[data-experiment='" + EXPERIMENT + "'] svg.tp-rates-chart circle[data-group]"))
        .hasSize(groups.size());
    browser.screenshot(Path.of("target/cockpit-screenshots", "cockpit-experiments-tab.png"));

    browser.click("[data-download='experiments-csv']");
    Path file = browser.downloaded(JOURNEY + "-experiments.csv");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(csv.experiments(experiments.experiments(JOURNEY)));
  }

  @Test
  void diagramShowsEachVariantsCountsOnItsFlow() {
    ExperimentReport expected = theExperiment();
    browser.openCockpit("/process-definition/" + definitionId + "/runtime");
    for (ExperimentReport.Group variant : expected.variants()) {
      String flow = variant.name().equals("control") ? "Flow_FirstMessage_Control" : "Flow_FirstMessage_B";
      assertThat(browser.awaitText(".tp-overlay-variant[data-flow-id='" + flow + "']", " in"))
          .isEqualTo(variant.name() + ": " + variant.entered() + " in, " + variant.converted() + " conv.");
    }
  }

  private ExperimentReport theExperiment() {
    List<ExperimentReport> reports = experiments.experiments(JOURNEY);
    assertThat(reports).extracting(ExperimentReport::key).containsExactly(EXPERIMENT);
    return reports.get(0);
  }

  private void openExperimentsTab() {
    browser.openCockpit("/process-definition/" + definitionId + "/runtime");
    browser.clickLink("Experiments");
    browser.await(".tp-tab[data-loaded='true'] [data-experiment]");
  }

  private void event(String json) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/events"))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer demo-key")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private static String cell(WebElement row, String metric) {
    return row.findElement(By.cssSelector("[data-metric='" + metric + "']")).getText();
  }
}
