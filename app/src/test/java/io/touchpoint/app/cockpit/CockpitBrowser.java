package io.touchpoint.app.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium logged into Cockpit, for tests of the Touchpoint Cockpit plugin.
 *
 * <p>Uses the Debian {@code chromium} and {@code chromium-driver} packages (installed by
 * {@code .ci/run}); the driver path is set explicitly so Selenium Manager never tries to download
 * a browser. A missing browser fails the test: it never skips.
 */
final class CockpitBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final String baseUrl;
  private final Path downloads;

  CockpitBrowser(String baseUrl, Path downloads) {
    assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
    assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").isExecutable();
    this.baseUrl = baseUrl;
    this.downloads = downloads;
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        // narrower than about 1280 px collapses Cockpit's navigation into a menu button
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toAbsolutePath().toString(),
        "download.prompt_for_download", false,
        "safebrowsing.enabled", true));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
        .usingAnyFreePort()
        .build();
    this.driver = new ChromeDriver(service, options);
  }

  void logIn(String user, String password) {
    open("/camunda/app/cockpit/default/");
    WebElement form = await("form[name='signinForm']");
    form.findElement(By.cssSelector("input[ng-model='username']")).sendKeys(user);
    form.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
    form.findElement(By.cssSelector("button[type='submit']")).click();
    waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
    await("a[href='#/processes']");
  }

  void open(String path) {
    driver.get(baseUrl + path);
  }

  /** Cockpit's hash routes: {@code #/process-definition/…}. */
  void openCockpit(String route) {
    open("/camunda/app/cockpit/default/#" + route);
  }

  /** The element once it is on the page and, scrolled into view (the page may list many journeys), visible. */
  WebElement await(String css) {
    WebElement element = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    return waitFor(ExpectedConditions.visibilityOf(element));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The element's text content once it contains {@code text}, whether or not it is scrolled into view. */
  String awaitText(String css, String text) {
    waitFor(ExpectedConditions.attributeContains(By.cssSelector(css), "textContent", text));
    return driver.findElement(By.cssSelector(css)).getDomProperty("textContent");
  }

  /**
   * Clicks the element once scrolled into view: Cockpit's page scrolls inside a container that hides what is
   * scrolled out of it, and Chromium counts that as not visible (a long Journeys table hides the buttons above it).
   */
  void click(String css) {
    await(css);
    waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  /**
   * Clicks from inside the page: for Cockpit's layout toggles, which slide while animating, so a
   * pointer click may land on the diagram instead.
   */
  void clickInPage(String css) {
    WebElement toggle = waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    ((JavascriptExecutor) driver).executeScript("arguments[0].click()", toggle);
  }

  /** Waits until a script run in the page returns true. */
  void awaitTrue(String script) {
    waitFor(browser -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(script)));
  }

  void clickLink(String text) {
    waitFor(ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
  }

  /**
   * A GET from inside the page, with Cockpit's session cookie: {@code [status, content type, body]}.
   */
  @SuppressWarnings("unchecked")
  List<Object> fetch(String path) {
    return (List<Object>) ((JavascriptExecutor) driver).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'})
          .then(async response => done([response.status, response.headers.get('Content-Type'), await response.text()]))
          .catch(error => done([0, null, String(error)]));
        """, path);
  }

  /**
   * Waits until Cockpit's AngularJS has no request in flight and nothing slides (layout toggles
   * animate with jQuery), so a screenshot shows the page as it settles.
   */
  void settle() {
    waitFor(browser -> Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript("""
        if (document.readyState !== 'complete') { return false; }
        if (window.jQuery && window.jQuery(':animated').length) { return false; }
        const angular = window.angular;
        if (!angular) { return true; }
        const injector = angular.element(document.body).injector();
        return !injector || injector.get('$http').pendingRequests.length === 0;
        """)));
  }

  void screenshot(Path file) {
    settle();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for Chromium to finish writing a download, then returns its path. */
  Path downloaded(String fileName) {
    Path file = downloads.resolve(fileName);
    Path partial = downloads.resolve(fileName + ".crdownload");
    waitFor(browser -> Files.isRegularFile(file) && !Files.exists(partial));
    return file;
  }

  /**
   * Waits for a condition; when it never holds, fails with what the page showed and logged (the
   * screenshot goes to {@code target/cockpit-failures}).
   */
  private <T> T waitFor(Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, PATIENCE).until(condition);
    } catch (TimeoutException e) {
      Path shot = Path.of("target/cockpit-failures", System.currentTimeMillis() + ".png");
      try {
        Files.createDirectories(shot.getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
      } catch (IOException | RuntimeException unsaved) {
        e.addSuppressed(unsaved);
      }
      throw new AssertionError(e.getMessage().lines().findFirst().orElse("timed out") + " on "
          + driver.getCurrentUrl() + " (screenshot " + shot + ")\nbrowser console:\n" + browserLog(), e);
    }
  }

  /** What the page logged to its console (errors included), for failure messages. */
  String browserLog() {
    StringBuilder log = new StringBuilder();
    driver.manage().logs().get("browser").forEach(entry -> log.append(entry.getLevel()).append(' ')
        .append(entry.getMessage()).append('\n'));
    return log.toString();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
