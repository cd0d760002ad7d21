package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The share page's Embed panel in a real headless Chromium under the page's CSP: the snippet people copy is, byte
 * for byte, the {@code html} that {@code /oembed} answers for the chosen options (read back from the clipboard, and
 * from the selection when the page has no clipboard API); the panel works from the keyboard alone; axe-core finds no
 * serious or critical violation in light and dark. Screenshots: {@code gateway/target/screenshots/share-panel-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SharePanelBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TRACK = "sectoid-feelings";
  private static final String VIDEO = "big-buck-bunny";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("share-panel", Chromium.AUTOPLAY, "--window-size=1000,1400");

  private ChromeDriver driver;

  @BeforeAll
  void driver() {
    driver = chromium.driver();
    driver.manage().timeouts().scriptTimeout(WAIT);
  }

  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> "SEVERE".equals(e.getLevel().getName())
        && e.getMessage().contains("Content Security Policy"))).as("CSP violations in the browser console").isEmpty();
  }

  @Test
  void copiedSnippetIsTheOEmbedHtmlForTheChosenThemeAndSize() {
    open(VIDEO, "");
    assertThat(code()).as("the default snippet").isEqualTo(oembedHtml(VIDEO, ""));
    new Select(driver.findElement(By.id("pg-embed-size"))).selectByValue("maxwidth=480");
    driver.findElement(By.cssSelector("input[name='pg-embed-theme'][value='dark']")).click();
    awaitQuery("maxwidth=480&theme=dark");
    grantClipboard();
    driver.findElement(By.id("pg-embed-copy")).click();
    awaitStatus("Copied");
    String copied = (String) driver.executeAsyncScript(
        "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('refused: ' + e))");
    String expected = oembedHtml(VIDEO, "theme=dark&maxwidth=480");
    assertThat(copied).isEqualTo(expected).contains("width=\"480\"").contains("theme=dark");
    assertThat(code()).isEqualTo(expected);
  }

  @Test
  void withoutTheClipboardApiCopySelectsTheSnippet() {
    open(TRACK, "");
    new Select(driver.findElement(By.id("pg-embed-size"))).selectByValue("layout=large");
    driver.findElement(By.id("pg-embed-facade")).click();
    driver.findElement(By.id("pg-embed-color-on")).click();
    awaitQuery("layout=large&color=e0475b&facade=1");
    driver.executeScript("Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true})");
    driver.findElement(By.id("pg-embed-copy")).click();
    awaitStatus("selected");
    String selected = (String) driver.executeScript(
        "const t = document.activeElement; return t.id === 'pg-embed-code'"
            + " ? t.value.substring(t.selectionStart, t.selectionEnd) : 'focus on ' + t.id");
    assertThat(selected).isEqualTo(oembedHtml(TRACK, "facade=1&color=e0475b&layout=large"));
  }

  @Test
  void startAtTheCurrentTimeTakesThePlayersTime() {
    open(TRACK, "");
    driver.executeAsyncScript("const m = document.querySelector('.pg-media'), done = arguments[0];"
        + " const seek = () => { m.addEventListener('seeked', () => done(), {once: true}); m.currentTime = 42.6; };"
        + " if (m.readyState >= 1) seek(); else m.addEventListener('loadedmetadata', seek, {once: true});");
    driver.findElement(By.id("pg-embed-start")).click();
    awaitQuery("start=42");
    assertThat(driver.findElement(By.id("pg-embed-start-time")).getText()).isEqualTo("0:42");
    assertThat(code()).isEqualTo(oembedHtml(TRACK, "start=42"));
  }

  @Test
  void thePanelWorksFromTheKeyboard() {
    open(TRACK, "");
    tabTo("pg-embed-size");
    press("L"); // type-ahead on the closed select: "Large, 560 × 352"
    awaitQuery("layout=large");
    tabTo("pg-embed-theme-auto");
    press(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
    awaitQuery("layout=large&theme=dark");
    tabTo("pg-embed-facade");
    press(Keys.SPACE);
    awaitQuery("layout=large&theme=dark&facade=1");
    grantClipboard();
    tabTo("pg-embed-copy");
    press(Keys.ENTER);
    awaitStatus("Copied");
    assertThat(code()).isEqualTo(oembedHtml(TRACK, "layout=large&theme=dark&facade=1"));
    tabTo("pg-embed-code");
    assertThat(driver.findElement(By.id("pg-embed-code")).getAttribute("readonly")).isNotNull();
  }

  @Test
  void lightAndDarkAreAxeCleanAndScreenshotted() throws IOException {
    for (String theme : List.of("light", "dark")) {
      open("muldjord-chaos-god", "?theme=" + theme);
      driver.findElement(By.cssSelector("input[name='pg-embed-theme'][value='" + theme + "']")).click();
      awaitQuery("theme=" + theme);
      List<Rule> serious = new AxeBuilder().analyze(driver).getViolations().stream()
          .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
      assertThat(serious).extracting(Rule::getId).as("axe-core serious/critical violations, %s", theme).isEmpty();
      chromium.screenshot(driver.findElement(By.cssSelector("main")), "share-panel-" + theme);
    }
  }

  // --- helpers ---

  private void open(String id, String query) {
    driver.get(gateway.base() + "/media/" + id + query);
    waitFor(() -> (Boolean) driver.executeScript(
        "return !document.querySelector('.pg-embed-choices').hidden"), "share.js to show the choices");
  }

  private String code() {
    return (String) driver.executeScript("return document.getElementById('pg-embed-code').value");
  }

  /** Waits until the snippet shown is the oEmbed answer for exactly these choices (share.js's query order). */
  private void awaitQuery(String query) {
    waitFor(() -> (Boolean) driver.executeScript("const p = document.querySelector('.pg-embed-panel');"
        + " return !p.hasAttribute('aria-busy') && document.getElementById('pg-embed-code').dataset.query"
        + " === arguments[0]", query), "the snippet for " + query);
  }

  private void awaitStatus(String part) {
    waitFor(() -> driver.findElement(By.id("pg-embed-status")).getText().contains(part), "status " + part);
  }

  private void grantClipboard() {
    driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", gateway.base(),
        "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  private void press(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  private WebElement active() {
    return driver.switchTo().activeElement();
  }

  /** Presses Tab (at most 60 times) until the element with that id has the focus. */
  private void tabTo(String id) {
    for (int i = 0; i < 60 && !id.equals(active().getAttribute("id")); i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
    }
    assertThat(active().getAttribute("id")).as("focus after tabbing").isEqualTo(id);
  }

  private static String oembedHtml(String id, String query) {
    String url = gateway.base() + "/oembed?url="
        + URLEncoder.encode(gateway.base() + "/media/" + id, StandardCharsets.UTF_8) + "&format=json"
        + (query.isEmpty() ? "" : "&" + query);
    HttpResponse<String> r = Http.get(url);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getString("html");
  }

  private void waitFor(Supplier<Boolean> condition, String what) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage("waiting for " + what)
        .until(d -> Boolean.TRUE.equals(condition.get()));
  }
}
