package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchpoint.audit.OperatorAction;
import io.touchpoint.audit.OperatorActions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
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
 * An operator finds a journey's waiting contacts on Cockpit's Stuck contacts page and repairs them in bulk: the
 * engine carries the repairs out, and the audit names the Cockpit user and the reason.
 */
@CockpitApplicationTest
class StuckContactsCockpitTest {

  static final String JOURNEY = "cockpit-stuck";

  @LocalServerPort int port;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired OperatorActions audit;
  @Autowired ObjectMapper json;

  CockpitBrowser browser;
  WaitingJourney journey;

  @BeforeAll
  void logIn(@TempDir Path downloads) {
    journey = new WaitingJourney(JOURNEY, port, repositoryService, runtimeService);
    journey.deploy(1);
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
  void waitingContactsAreListedPerStepAndABulkSkipAndCancelAreCarriedOutAndAuditedWithTheCockpitUser() {
    List<ProcessInstance> paused = List.of(journey.start(contact(), "later"), journey.start(contact(), "later"));
    ProcessInstance replying = journey.start(contact(), "now");

    browser.openCockpit("/touchpoint-stuck?journey=" + JOURNEY + "&olderThan=PT0S");
    WebElement pause = browser.await("[data-table='stuck'] tr[data-step='Pause']");
    assertThat(cell(pause, "waiting")).isEqualTo("2");
    assertThat(pause.findElements(By.cssSelector("a[data-contact]"))).extracting(link -> link.getText())
        .containsExactlyInAnyOrder(paused.get(0).getBusinessKey(), paused.get(1).getBusinessKey());
    assertThat(cell(browser.await("[data-table='stuck'] tr[data-step='Gate']"), "waiting")).isEqualTo("1");

    // a repair without a reason is refused, naming the field
    applyAt("Pause", "skip", "");
    assertThat(browser.awaitText(".tp-stuck .tp-message-error", "reason")).startsWith("400: reason:");

    applyAt("Pause", "skip", "the promotion ended early");
    String skip = browser.await("[data-touchpoint='repair-result']").getAttribute("data-action-id");
    assertThat(browser.awaitText("[data-touchpoint='repair-result']", "2 contacts")).contains(skip);
    paused.forEach(instance -> journey.awaitAt(instance.getId(), "Gate"));

    browser.click("[data-touchpoint='stuck-form'] button[type='submit']");
    browser.awaitText("[data-table='stuck'] tr[data-step='Gate'] [data-metric='waiting']", "3");
    browser.await("[data-table='actions'] tr[data-action-id='" + skip + "']");
    browser.screenshot(screenshot("cockpit-stuck.png"));
    applyAt("Gate", "cancel", "wrong audience");
    assertThat(browser.awaitText("[data-touchpoint='repair-result']", "3 contacts")).contains("cancel at Reply gate");
    await().atMost(Duration.ofSeconds(60)).until(() -> runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(JOURNEY).count() == 0);
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(replying.getId()).singleResult()
        .getDeleteReason()).contains("wrong audience");

    assertThat(audit.of(JOURNEY, 10)).extracting(OperatorAction::action, OperatorAction::step,
            OperatorAction::contacts, OperatorAction::requestedBy, OperatorAction::reason)
        .containsExactly(tuple("cancel", "Gate", 3, "cockpit user demo", "wrong audience"),
            tuple("skip", "Pause", 2, "cockpit user demo", "the promotion ended early"));
    WebElement audited = browser.await("[data-table='actions'] tr[data-action-id='" + skip + "']");
    assertThat(cell(audited, "requestedBy")).isEqualTo("cockpit user demo");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndUnknownJourneysAreNotFound() throws Exception {
    List<Object> duration = browser.fetch(pluginPath("/repairs/" + JOURNEY + "/stuck?olderThan=soon"));
    assertThat(duration.get(0)).isEqualTo(400L);
    assertThat((String) duration.get(1)).startsWith("application/problem+json");
    assertThat(json.readTree((String) duration.get(2)).at("/errors/0/field").asText()).isEqualTo("olderThan");

    assertThat(browser.fetch(pluginPath("/repairs/no-such-journey/stuck")).get(0)).isEqualTo(404L);
    assertThat(browser.fetch(pluginPath("/repairs/no-such-journey/actions")).get(0)).isEqualTo(404L);
  }

  private void applyAt(String step, String action, String reason) {
    String form = "form.tp-repair[data-step='" + step + "'] ";
    new Select(browser.await(form + "select[name='action']")).selectByValue(action);
    WebElement why = browser.await(form + "input[name='reason']");
    why.clear();
    why.sendKeys(reason);
    browser.click(form + "button[type='submit']");
  }

  private static String contact() {
    return "stuck-" + UUID.randomUUID();
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
