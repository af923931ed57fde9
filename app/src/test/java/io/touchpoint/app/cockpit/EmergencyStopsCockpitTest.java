package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.touchpoint.governor.EmergencyStops;
import io.touchpoint.governor.Pause;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An operator stops sending from Cockpit's "Send governor" page and lifts the stop again; what the page shows is
 * what the governor holds.
 */
@CockpitApplicationTest
class EmergencyStopsCockpitTest {

  @LocalServerPort int port;
  @Autowired EmergencyStops stops;

  CockpitBrowser browser;

  @BeforeAll
  void logIn(@TempDir Path downloads) {
    stops.state().pauses().forEach(pause -> stops.lift(pause.id()));
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
  void anOperatorStopsSmsFromCockpitAndLiftsTheStopAgain() {
    browser.openCockpit("/dashboard");
    browser.click("[data-touchpoint='governor-navigation']");
    browser.awaitText(".tp-governor", "No emergency stop is active.");

    browser.await("[data-touchpoint='stop-form'] input[name='scope']").sendKeys("channel:sms");
    browser.await("[data-touchpoint='stop-form'] input[name='reason']").sendKeys("wrong price in the text");
    browser.click("[data-touchpoint='stop-form'] button[type='submit']");
    WebElement row = browser.await("tr[data-scope='channel:sms']");

    assertThat(row.getText()).contains("wrong price in the text");
    assertThat(stops.state().pauses()).extracting(Pause::scope, Pause::reason)
        .containsExactly(tuple("channel:sms", "wrong price in the text"));
    browser.screenshot(Path.of(System.getProperty("touchpoint.screenshots", "target/cockpit-screenshots"),
        "cockpit-send-governor.png"));

    row.findElement(By.cssSelector("button[data-stop]")).click();
    browser.awaitText(".tp-governor", "No emergency stop is active.");
    assertThat(stops.state().pauses()).isEmpty();
  }

  @Test
  void aStopOfAnUnknownScopeIsRefusedNamingTheField() {
    browser.openCockpit("/touchpoint-governor");
    browser.await("[data-touchpoint='stop-form'] input[name='scope']").sendKeys("everything");
    browser.click("[data-touchpoint='stop-form'] button[type='submit']");

    browser.awaitText(".tp-message-error", "scope: must be all, channel:");
    assertThat(stops.state().pauses()).isEmpty();
  }
}
