package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator previews and runs a migration of a journey's waiting contacts on Cockpit's Migration page, and follows
 * it until the engine is done; what the page shows is where the contacts are.
 */
@CockpitApplicationTest
class MigrationCockpitTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ObjectMapper json;

  CockpitBrowser browser;

  @BeforeAll
  void logIn(@TempDir Path downloads) {
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
  void contactsWaitingAtATimerAndForAStatusAreMigratedFromThePageAndContinueOnTheNewVersion() {
    WaitingJourney journey = new WaitingJourney("cockpit-migration", port, repositoryService, runtimeService);
    journey.deploy(1);
    List<ProcessInstance> atTimer = List.of(journey.start(contact(), "later"), journey.start(contact(), "later"));
    ProcessInstance atGate = journey.start(contact(), "now");
    Map<String, Job> timers = timersOf(atTimer);
    String v2 = journey.deploy(2);

    browser.openCockpit("/touchpoint-migration?journey=cockpit-migration");
    browser.await("[data-table='versions'] tr[data-version='2']");
    assertThat(new Select(browser.await("select[name='from']")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("1");
    assertThat(new Select(browser.await("select[name='to']")).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("2");
    browser.await("[data-touchpoint='migration-form'] input[name='reason']").sendKeys("thank those who reply");
    browser.click("[data-touchpoint='preview-migration']");

    assertThat(browser.awaitText("[data-touchpoint='preview-summary']", "contacts"))
        .isEqualTo("3 contacts in version 1; all can continue in version 2.");
    WebElement pause = browser.await("[data-table='preview'] tr[data-step='Pause']");
    assertThat(cell(pause, "contacts")).isEqualTo("2");
    assertThat(cell(pause, "to")).isEqualTo("Pause");
    WebElement gate = browser.await("[data-table='preview'] tr[data-step='Gate']");
    assertThat(cell(gate, "contacts")).isEqualTo("1");
    assertThat(cell(gate, "to")).isEqualTo("Gate");
    assertThat(browser.all("input[name='allowDrop']")).as("nobody would be left behind").isEmpty();

    browser.click("[data-touchpoint='run-migration']");
    WebElement done = browser.await("[data-touchpoint='migration-progress'][data-state='completed']");
    assertThat(cell(done, "contacts")).isEqualTo("3");
    assertThat(cell(done, "migrated")).isEqualTo("3");
    assertThat(cell(done, "failed")).isEqualTo("0");
    assertThat(done.getText()).contains("cockpit user demo", "thank those who reply");
    browser.await("[data-table='versions'] tr[data-version='2'] [data-metric='running']");
    browser.screenshot(screenshot("cockpit-migration.png"));

    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(v2).list())
        .extracting(ProcessInstance::getId)
        .containsExactlyInAnyOrder(atTimer.get(0).getId(), atTimer.get(1).getId(), atGate.getId());
    // the timers keep their jobs and due dates
    assertThat(timersOf(atTimer)).allSatisfy((instance, timer) -> {
      assertThat(timer.getId()).isEqualTo(timers.get(instance).getId());
      assertThat(timer.getDuedate()).isEqualTo(timers.get(instance).getDuedate());
    });
    assertThat(runtimeService.getActiveActivityIds(atGate.getId())).containsExactly("Gate");
  }

  @Test
  void aMigrationThatWouldLeaveContactsBehindRunsOnlyWithTheAllowDropBoxTicked() {
    WaitingJourney journey = new WaitingJourney("cockpit-drop", port, repositoryService, runtimeService);
    String v1 = journey.deploy(1);
    ProcessInstance atTimer = journey.start(contact(), "later");
    ProcessInstance atGate = journey.start(contact(), "now");
    journey.deploy(3);

    browser.openCockpit("/touchpoint-migration?journey=cockpit-drop");
    browser.await("[data-table='versions'] tr[data-version='2']");
    browser.await("[data-touchpoint='migration-form'] input[name='mapping']").sendKeys("Pause=Nowhere");
    browser.click("[data-touchpoint='preview-migration']");
    assertThat(browser.awaitText(".tp-preview .tp-message-error", "mapping.Pause")).startsWith("400: mapping.Pause:");
    browser.await("[data-touchpoint='migration-form'] input[name='mapping']").clear();
    browser.click("[data-touchpoint='preview-migration']");

    assertThat(browser.awaitText("[data-touchpoint='preview-summary']", "contacts"))
        .isEqualTo("2 contacts in version 1; 1 at steps version 2 cannot take.");
    assertThat(cell(browser.await("[data-table='preview'] tr[data-step='Gate']"), "problem"))
        .isEqualTo("waits for a status of send 'Hello', which version 2 no longer has");
    browser.click("[data-touchpoint='run-migration']");
    assertThat(browser.awaitText(".tp-progress .tp-message-error", "allowDrop")).startsWith("400: allowDrop:");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(v1).count()).isEqualTo(2);

    browser.click("input[name='allowDrop']");
    browser.click("[data-touchpoint='run-migration']");
    WebElement done = browser.await("[data-touchpoint='migration-progress'][data-state='completed']");
    assertThat(cell(done, "contacts")).isEqualTo("1");
    assertThat(cell(done, "migrated")).isEqualTo("1");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(atTimer.getId()).singleResult()
        .getProcessDefinitionId()).isNotEqualTo(v1);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(atGate.getId()).singleResult()
        .getProcessDefinitionId()).as("left on version 1").isEqualTo(v1);
  }

  @Test
  void unknownJourneysAndVersionsAreNotFound() throws Exception {
    List<Object> journey = browser.fetch(pluginPath("/migrations/no-such-journey/versions"));
    assertThat(journey.get(0)).isEqualTo(404L);
    assertThat((String) journey.get(1)).startsWith("application/problem+json");
    assertThat(json.readTree((String) journey.get(2)).path("detail").asText()).contains("no-such-journey");
    assertThat(browser.fetch(pluginPath("/migrations/no-such-journey/no-such-id")).get(0)).isEqualTo(404L);
  }

  private Map<String, Job> timersOf(List<ProcessInstance> instances) {
    return instances.stream().collect(Collectors.toMap(ProcessInstance::getId, instance -> managementService
        .createJobQuery().processInstanceId(instance.getId()).timers().singleResult()));
  }

  private static String contact() {
    return "mig-" + UUID.randomUUID();
  }

  private static String cell(WebElement row, String metric) {
    return row.findElement(By.cssSelector("[data-metric='" + metric + "']")).getText();
  }

  private static String pluginPath(String path) {
    return "/camunda/api/cockpit/plugin/touchpoint/default" + path;
  }

  private static Path screenshot(String name) {
    return Path.of(System.getProperty("touchpoint.screenshots", "target/cockpit-screenshots"), name);
  }
}
