package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Proves that the share pages ({@code /media/{id}}) and player pages ({@code /embed/{id}}) really play their
 * media in a real headless Chromium under the gateway's strict Content-Security-Policy: a real gateway on the
 * demo catalogue ({@code conf/catalog}), Debian's {@code /usr/bin/chromium} driven by {@code /usr/bin/chromedriver}
 * (never downloaded by Selenium Manager). Screenshots land in {@code gateway/target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharePageBrowserIT {

  private static final Duration PLAY_TIMEOUT = Duration.ofSeconds(15);
  private static final double PLAYED_SECONDS = 1.0;
  private static final double SHOT_SECONDS = 2.2;

  /** Reads the state of the media element {@code arguments[0]}. */
  private static final String STATE_JS = """
      const m = arguments[0];
      return {
        tag: m.tagName.toLowerCase(),
        currentTime: m.currentTime,
        duration: Number.isFinite(m.duration) ? m.duration : null,
        paused: m.paused,
        ended: m.ended,
        error: m.error ? ('code ' + m.error.code + ': ' + m.error.message) : null,
        currentSrc: m.currentSrc,
        readyState: m.readyState,
        networkState: m.networkState,
        videoWidth: m.videoWidth === undefined ? -1 : m.videoWidth,
        videoHeight: m.videoHeight === undefined ? -1 : m.videoHeight
      };""";

  /** Calls {@code play()} on {@code arguments[0]} and reports {@code "ok"} or the rejection. */
  private static final String PLAY_JS = """
      const m = arguments[0], done = arguments[arguments.length - 1];
      try {
        Promise.resolve(m.play()).then(() => done('ok'),
            e => done('rejected: ' + (e && e.name) + ': ' + (e && e.message)));
      } catch (e) {
        done('threw: ' + e);
      }""";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("share", Chromium.AUTOPLAY, "--window-size=1280,900");

  private ChromeDriver driver;
  private String trackId;
  private String videoId;
  private String collectionId;

  @BeforeAll
  void mediaIdsAndDriver() throws IOException {
    Path catalogJson = TestGateway.demoCatalog().resolve("catalog.json");
    if (!Files.isRegularFile(catalogJson)) {
      fail("demo catalogue missing: " + catalogJson);
    }
    JsonArray media = new JsonObject(Files.readString(catalogJson)).getJsonArray("media");
    trackId = firstOfKind(media, "track");
    videoId = firstOfKind(media, "video");
    collectionId = firstOfKind(media, "playlist");
    if (collectionId == null) {
      collectionId = firstOfKind(media, "album");
    }
    assertThat(trackId).as("a track in %s", catalogJson).isNotNull();
    assertThat(videoId).as("a video in %s", catalogJson).isNotNull();
    assertThat(collectionId).as("a playlist or album in %s", catalogJson).isNotNull();
    driver = chromium.driver();
    driver.manage().timeouts().scriptTimeout(PLAY_TIMEOUT);
  }

  /** Every page must run under its CSP without a single violation. */
  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> "SEVERE".equals(e.getLevel().getName())
        && e.getMessage().contains("Content Security Policy"))).as("CSP violations in the browser console").isEmpty();
  }

  @Test
  void sharePagePlaysTrack() throws IOException {
    playsOn("/media/" + trackId, "audio", "share-track");
  }

  @Test
  void sharePagePlaysVideo() throws IOException {
    playsOn("/media/" + videoId, "video", "share-video");
  }

  @Test
  void embedPlaysTrack() throws IOException {
    playsOn("/embed/" + trackId, "audio", "embed-track");
  }

  @Test
  void embedPlaysVideo() throws IOException {
    playsOn("/embed/" + videoId, "video", "embed-video");
  }

  /** Opens the page, plays its media element, asserts time advances (and a video frame exists), screenshots it. */
  private void playsOn(String path, String tag, String shot) throws IOException {
    WebElement media = open(path);
    assertThat(state(media).get("tag")).isEqualTo(tag);
    Map<String, Object> s = playAndAssertAdvancing(media, path);
    if (tag.equals("video")) {
      assertThat(((Number) s.get("videoWidth")).intValue()).as("videoWidth of %s", s).isPositive();
    }
    screenshot(shot, media);
  }

  @Test
  void embedCollectionPlaysSecondRowOnClick() throws IOException {
    WebElement media = open("/embed/" + collectionId);
    String before = waitFor(media, "resource selection of the first row",
        s -> !((String) s.get("currentSrc")).isEmpty()).get("currentSrc").toString();
    List<WebElement> rows = driver.findElements(By.cssSelector(".pg-row"));
    assertThat(rows).as("rows of %s", collectionId).hasSizeGreaterThanOrEqualTo(2);
    // each row plays in the element of its kind: <audio> for a track, <video> for a video
    assertThat(state(media).get("tag")).isEqualTo(rowTag(rows.get(0)));
    rows.get(1).findElement(By.cssSelector(".pg-row-play")).click();
    media = driver.findElement(By.cssSelector(".pg-media"));
    assertThat(state(media).get("tag")).isEqualTo(rowTag(rows.get(1)));
    Map<String, Object> s = waitFor(media, "second row playing past " + PLAYED_SECONDS + " s",
        st -> !before.equals(st.get("currentSrc")) && playedPast(st));
    assertThat((String) s.get("currentSrc")).isNotEqualTo(before);
    assertThat(s.get("paused")).isEqualTo(false);
    assertThat(s.get("error")).isNull();
    assertThat(rows.get(1).getAttribute("class")).contains("pg-current");
    assertThat(rows.get(0).getAttribute("class")).doesNotContain("pg-current");
    screenshot("embed-playlist", media);
  }

  // --- helpers ---

  private static String rowTag(WebElement row) {
    return "video".equals(row.getAttribute("data-kind")) ? "video" : "audio";
  }

  private static String firstOfKind(JsonArray media, String kind) {
    for (int i = 0; i < media.size(); i++) {
      JsonObject item = media.getJsonObject(i);
      if (kind.equals(item.getString("kind")) && item.getBoolean("embeddable", true)) {
        return item.getString("id");
      }
    }
    return null;
  }

  private WebElement open(String path) {
    driver.get(gateway.base() + path);
    return driver.findElement(By.cssSelector(".pg-media"));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> state(WebElement media) {
    return (Map<String, Object>) driver.executeScript(STATE_JS, media);
  }

  private Map<String, Object> playAndAssertAdvancing(WebElement media, String what) {
    Object played = driver.executeAsyncScript(PLAY_JS, media);
    assertThat(played).as("play() of %s; state %s", what, state(media)).isEqualTo("ok");
    double startedAt = ((Number) state(media).get("currentTime")).doubleValue();
    Map<String, Object> s = waitFor(media, what + " playing past " + PLAYED_SECONDS + " s", this::playedPast);
    assertThat(((Number) s.get("currentTime")).doubleValue()).as("currentTime of %s", what)
        .isGreaterThan(startedAt).isGreaterThan(PLAYED_SECONDS);
    assertThat(s.get("paused")).as("paused of %s", what).isEqualTo(false);
    assertThat(s.get("error")).as("error of %s", what).isNull();
    return s;
  }

  private static double duration(Map<String, Object> s) {
    Object d = s.get("duration");
    return d instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : Double.MAX_VALUE;
  }

  private boolean playedPast(Map<String, Object> s) {
    return ((Number) s.get("currentTime")).doubleValue() > PLAYED_SECONDS;
  }

  private Map<String, Object> waitFor(WebElement media, String what,
      Predicate<Map<String, Object>> condition) {
    try {
      return new WebDriverWait(driver, PLAY_TIMEOUT, Duration.ofMillis(100)).until(d -> {
        Map<String, Object> s = state(media);
        if (s.get("error") != null) {
          throw new AssertionError("media error while waiting for " + what + ": " + s);
        }
        return condition.test(s) ? s : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + PLAY_TIMEOUT.toSeconds() + " s waiting for " + what
          + "; media state " + state(media) + "; console " + driver.manage().logs().get(LogType.BROWSER).getAll(),
          e);
    }
  }

  /**
   * Saves a screenshot once the player's own time display shows playback (Chromium's controls lag the media
   * clock by up to a second, so a shot at 1.0 s would still read 0:00).
   */
  private void screenshot(String name, WebElement media) throws IOException {
    waitFor(media, "playback to show in the controls of " + name, s -> Boolean.TRUE.equals(s.get("ended"))
        || ((Number) s.get("currentTime")).doubleValue() >= Math.min(SHOT_SECONDS, duration(s) - 0.3));
    chromium.screenshot(driver, name);
  }
}
