package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The waveform under a track's seek bar, in a real headless Chromium on the demo catalogue (whose tracks carry the
 * hub's {@code waveform} extension): drawn in light and dark, the played part following the media clock, the seek
 * bar's keyboard and screen-reader behaviour unchanged. Screenshots: {@code target/screenshots/waveform-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaveformPlayerBrowserIT {

  private static final String TRACK = "sectoid-feelings";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("waveform", "--window-size=1000,900");

  private ChromeDriver driver;

  @BeforeAll
  void driver() {
    driver = chromium.driver();
  }

  /** Sets the page's viewport exactly (the window's size includes the browser's own bars), at twice the pixels. */
  private void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", false));
  }

  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> "SEVERE".equals(e.getLevel().getName())
        && e.getMessage().contains("Content Security Policy"))).as("CSP violations in the browser console").isEmpty();
  }

  @Test
  void theLocalHubOffersPeaksThatTheGatewayDrawsForTracksOnly() {
    JsonObject item = Http.json(Http.get(gateway.base() + "/hub/v1/media/" + TRACK));
    String peaksUrl = item.getJsonObject("waveform").getString("url");
    assertThat(item.getJsonObject("waveform").getInteger("samplesPerSecond")).isEqualTo(10);
    HttpResponse<String> peaks = Http.get(peaksUrl);
    assertThat(peaks.statusCode()).isEqualTo(200);
    assertThat(peaks.headers().firstValue("Content-Type")).hasValue("application/json");
    // a 70 s excerpt at 10 peaks per second
    assertThat(new JsonArray(peaks.body()).size()).isBetween(690, 710);

    assertThat(Http.get(gateway.base() + "/embed/" + TRACK).body()).contains("viewBox=\"0 0 120 100\"");
    assertThat(Http.get(gateway.base() + "/media/" + TRACK).body()).contains("class=\"pg-wave\"");
    for (String other : List.of("big-buck-bunny", "sectoid-fof", "playgate-demo-mix")) {
      assertThat(Http.get(gateway.base() + "/embed/" + other).body()).as(other).doesNotContain("pg-wave");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"light", "dark"})
  void theWaveformFillsTheSeekBarAndThePlayedPartFollowsTheKeyboard(String theme) throws IOException {
    viewport(560, 152);    // the compact player's oEmbed frame
    driver.get(gateway.base() + "/embed/" + TRACK + "?theme=" + theme);
    waitFor(() -> (Boolean) driver.executeScript("return document.querySelector('.pg-player').classList.contains("
        + "'pg-enhanced') && document.querySelector('.pg-media').readyState >= 1"), "the player with metadata");
    WebElement seek = driver.findElement(By.cssSelector(".pg-seek-input"));
    WebElement wave = driver.findElement(By.cssSelector(".pg-wave:not(.pg-wave-played)"));
    assertThat(wave.isDisplayed()).isTrue();
    assertThat(wave.getAttribute("aria-hidden")).isEqualTo("true");
    // the waveform lies under the range input, which stays the one control
    assertThat(wave.getRect().getWidth()).isGreaterThan(100).isBetween(seek.getRect().getWidth() - 2,
        seek.getRect().getWidth() + 2);
    assertThat(wave.getRect().getHeight()).isGreaterThanOrEqualTo(24);
    assertThat(playedPercent()).as("nothing played yet").isZero();
    assertThat(driver.executeScript("return getComputedStyle(document.querySelector('.pg-wave-played')).clipPath"))
        .asString().startsWith("inset(");

    driver.executeScript("arguments[0].focus()", seek);
    for (int i = 0; i < 5; i++) {
      seek.sendKeys(Keys.ARROW_RIGHT);
    }
    waitFor(() -> ((Number) driver.executeScript("return document.querySelector('.pg-media').currentTime"))
        .doubleValue() >= 20, "five ArrowRight presses seek about 25 s ahead");
    waitFor(() -> playedPercent() > 25 && playedPercent() < 45, "the played part of the waveform to grow past a quarter");
    assertThat(seek.getAttribute("aria-label")).isEqualTo("Seek");
    assertThat(seek.getAttribute("aria-valuetext")).matches("0:2\\d of 1:10");
    assertThat(driver.findElement(By.cssSelector(".pg-live")).getAttribute("textContent")).contains("of 1:10");
    driver.executeScript("document.activeElement.blur()");
    chromium.screenshot(driver, "waveform-" + theme);

    List<Rule> serious = new AxeBuilder().analyze(driver).getViolations().stream()
        .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact())).toList();
    assertThat(serious).extracting(Rule::getId).as("axe-core serious/critical violations").isEmpty();
  }

  @Test
  void theSharePageShowsTheWaveformInItsLargePlayer() throws IOException {
    viewport(1000, 620);
    driver.get(gateway.base() + "/media/" + TRACK);
    waitFor(() -> (Boolean) driver.executeScript("return !!document.querySelector('.pg-enhanced .pg-wave')"),
        "the share page's player");
    WebElement wave = driver.findElement(By.cssSelector(".pg-wave"));
    assertThat(wave.isDisplayed()).isTrue();
    assertThat(wave.getRect().getWidth()).isGreaterThan(200);
    chromium.screenshot(driver, "waveform-share");
  }

  /** @return the {@code --pg-played} percentage the player sets (0 before any), which clips the played copy */
  private double playedPercent() {
    String played = String.valueOf(driver.executeScript("return getComputedStyle(document.querySelector("
        + "'.pg-player')).getPropertyValue('--pg-played');")).trim();
    return played.endsWith("%") ? Double.parseDouble(played.substring(0, played.length() - 1)) : 0;
  }

  private void waitFor(Supplier<Boolean> condition, String what) {
    new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).withMessage("waiting for " + what)
        .until(d -> Boolean.TRUE.equals(condition.get()));
  }
}
