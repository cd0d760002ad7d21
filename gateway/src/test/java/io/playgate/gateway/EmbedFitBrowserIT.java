package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.widgets.PlayerSize;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The oEmbed {@code html} as a consumer pastes it, verbatim, into its own page (another origin, no stylesheet of
 * ours, no {@code embed.js}), in real headless Chromium against a real gateway on the demo catalogue: small video
 * players play and keep their controls inside the frame, the snippets fit a 420 px column without horizontal
 * scrolling (videos keep their aspect ratio), and a list player sized from {@code maxheight} shows all its rows.
 * Screenshots: {@code gateway/target/screenshots/fit-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EmbedFitBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** Where element {@code arguments[0]} sits in the frame: its rect, or why it is not shown. */
  private static final String RECT_JS = """
      const e = document.querySelector(arguments[0]);
      if (!e) return {missing: true};
      const r = e.getBoundingClientRect();
      return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
              innerWidth: innerWidth, innerHeight: innerHeight};""";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("fit", Chromium.AUTOPLAY, "--window-size=1000,1400",
      "--hide-scrollbars");

  private final Map<String, String> hostPages = new ConcurrentHashMap<>();
  private String hostOrigin;
  private ChromeDriver driver;

  @BeforeAll
  void start() throws Exception {
    HttpServer host = gateway.vertx().createHttpServer().requestHandler(req -> {
      String page = hostPages.get(req.path());
      if (page == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
      }
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    hostOrigin = "http://127.0.0.1:" + host.actualPort();
    driver = chromium.driver();
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    driver.manage().timeouts().scriptTimeout(WAIT);
  }

  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> e.getMessage().contains("Content Security Policy")))
        .as("CSP violations in the browser console").isEmpty();
  }

  /**
   * big-buck-bunny (16:9) and the 1906 film (4:3) at {@code maxwidth=333&maxheight=110}, and big-buck-bunny at the
   * video minimum: the play button, the seek bar and full screen sit side by side inside the frame, and it plays.
   */
  @Test
  void smallVideoPlayersPlayWithTheirControlsInsideTheFrame() throws IOException {
    record Small(String id, String query, int width, int height) {
    }
    PlayerSize min = PlayerSize.VIDEO_MINIMUM;
    for (Small s : List.of(new Small("big-buck-bunny", "&maxwidth=333&maxheight=110", 195, 110),
        new Small("french-grand-prix-1906", "&maxwidth=333&maxheight=110", 147, 110),
        new Small("big-buck-bunny", "&maxwidth=200&maxheight=" + min.height() + "&theme=dark",
            min.width(), min.height()))) {
      JsonObject o = oembed(s.id(), s.query());
      assertThat(o.getInteger("width")).isEqualTo(s.width());
      assertThat(o.getInteger("height")).isEqualTo(s.height());
      String name = "fit-video-" + s.id() + "-" + s.width() + "x" + s.height();
      hostPages.put("/small.html", page("<p>A partner's post</p>\n" + o.getString("html")));
      driver.get(hostOrigin + "/small.html");
      WebElement frame = driver.findElement(By.cssSelector("iframe"));
      assertThat(frame.getRect().getWidth()).isEqualTo(s.width());
      assertThat(frame.getRect().getHeight()).isEqualTo(s.height());
      driver.switchTo().frame(frame);
      try {
        waitFor(() -> driver.findElements(By.cssSelector(".pg-controls:not([hidden])")).size() == 1, "controls");
        assertControlsSideBySideInside(name);
        driver.findElement(By.cssSelector(".pg-play")).click();
        waitFor(() -> ((Number) driver.executeScript("return document.querySelector('.pg-media').currentTime;"))
            .doubleValue() > 1.2, "playback in " + name);
        driver.findElement(By.cssSelector(".pg-play")).click();
        waitFor(() -> Boolean.TRUE.equals(driver.executeScript("return document.querySelector('.pg-media').paused;")),
            "pause in " + name);
        assertControlsSideBySideInside(name);
        waitFor(() -> Boolean.TRUE.equals(driver.executeScript(
            "return document.getAnimations().every(a => a.playState === 'finished' || a.playState === 'idle');")),
            "transitions in " + name);
      } finally {
        driver.switchTo().defaultContent();
      }
      chromium.screenshot(frame, name);
    }
  }

  /**
   * A 420 px column holding a video (640×360 by default), a track and a playlist as their snippets come: nothing
   * scrolls sideways, the video keeps 16:9, the audio players keep their height.
   */
  @Test
  void snippetsFitANarrowColumnWithoutHorizontalScroll() throws IOException {
    JsonObject video = oembed("big-buck-bunny", "");
    JsonObject track = oembed("sectoid-feelings", "");
    JsonObject list = oembed("playgate-demo-mix", "&maxheight=2000");
    assertThat(video.getInteger("width")).isGreaterThan(420);
    hostPages.put("/column.html", page("""
        <div id="column" style="width:420px;margin:0 auto;padding:0;background:#fff">
        <h1 style="font:700 20px system-ui;margin:0 0 8px">A partner's column</h1>
        %s
        <p>Some text between the players.</p>
        %s
        <p>More text.</p>
        %s
        </div>""".formatted(video.getString("html"), track.getString("html"), list.getString("html"))));
    driver.get(hostOrigin + "/column.html");
    @SuppressWarnings("unchecked")
    Map<String, Object> scroll = (Map<String, Object>) driver.executeScript("""
        const c = document.getElementById('column'), d = document.documentElement;
        return {columnScroll: c.scrollWidth, columnWidth: c.clientWidth, pageScroll: d.scrollWidth,
                pageWidth: d.clientWidth};""");
    assertThat(((Number) scroll.get("columnScroll")).intValue()).as("column scroll width")
        .isLessThanOrEqualTo(420);
    assertThat(((Number) scroll.get("pageScroll")).intValue()).as("page scroll width")
        .isLessThanOrEqualTo(((Number) scroll.get("pageWidth")).intValue());
    List<WebElement> frames = driver.findElements(By.cssSelector("iframe"));
    assertThat(frames).hasSize(3);
    assertThat(frames.get(0).getRect().getWidth()).isEqualTo(420);
    assertThat(frames.get(0).getRect().getHeight()).as("16:9 at 420 px").isBetween(235, 237);
    assertThat(frames.get(1).getRect().getWidth()).isEqualTo(420);
    assertThat(frames.get(1).getRect().getHeight()).isEqualTo(track.getInteger("height"));
    assertThat(frames.get(2).getRect().getWidth()).isEqualTo(420);
    assertThat(frames.get(2).getRect().getHeight()).isEqualTo(list.getInteger("height"));
    for (WebElement frame : frames) {
      driver.switchTo().frame(frame);
      try {
        waitFor(() -> driver.findElements(By.cssSelector(".pg-controls:not([hidden])")).size() == 1, "controls");
        assertInside(".pg-play", "column");
        assertInside(".pg-seek-input", "column");
      } finally {
        driver.switchTo().defaultContent();
      }
    }
    chromium.screenshot(driver.findElement(By.id("column")), "fit-column-420");
  }

  /**
   * The playlist's snippet for {@code maxheight=2000} is as high as its 8 rows need: no row is cut off and the list
   * does not scroll; for {@code maxheight=420} the frame takes 420 px and the list scrolls.
   */
  @Test
  void aListSizedFromMaxheightShowsAllItsRows() throws IOException {
    JsonObject all = oembed("playgate-demo-mix", "&maxheight=2000&theme=light");
    JsonObject some = oembed("playgate-demo-mix", "&maxheight=420&theme=dark");
    assertThat(some.getInteger("height")).isEqualTo(420);
    hostPages.put("/list.html", page(all.getString("html") + "\n" + some.getString("html")));
    driver.get(hostOrigin + "/list.html");
    List<WebElement> frames = driver.findElements(By.cssSelector("iframe"));
    String[] names = {"fit-playlist-all-rows", "fit-playlist-420"};
    for (int i = 0; i < 2; i++) {
      WebElement frame = frames.get(i);
      driver.switchTo().frame(frame);
      @SuppressWarnings("unchecked")
      Map<String, Object> list;
      try {
        waitFor(() -> driver.findElements(By.cssSelector(".pg-controls:not([hidden])")).size() == 1, "controls");
        list = (Map<String, Object>) driver.executeScript("""
            const l = document.querySelector('.pg-tracklist'), rows = l.querySelectorAll('.pg-row');
            const last = rows[rows.length - 1].getBoundingClientRect();
            return {rows: rows.length, scroll: l.scrollHeight, client: l.clientHeight, lastBottom: last.bottom,
                    innerHeight: innerHeight};""");
      } finally {
        driver.switchTo().defaultContent();
      }
      assertThat(((Number) list.get("rows")).intValue()).isEqualTo(8);
      if (i == 0) {
        assertThat(((Number) list.get("scroll")).intValue()).as("list scroll height")
            .isLessThanOrEqualTo(((Number) list.get("client")).intValue());
        double slack = ((Number) list.get("innerHeight")).doubleValue() - ((Number) list.get("lastBottom")).doubleValue();
        assertThat(slack).as("room below the last row").isBetween(0.0, (double) PlayerSize.LIST_ROW_HEIGHT);
      } else {
        assertThat(((Number) list.get("scroll")).intValue()).as("list scroll height")
            .isGreaterThan(((Number) list.get("client")).intValue());
      }
      chromium.screenshot(frame, names[i]);
    }
  }

  /** The icons every page links decode in the browser: the ICO, the SVG and the touch icon, from the share page. */
  @Test
  void theLinkedIconsDecodeInTheBrowser() {
    driver.get(gateway.base() + "/media/sectoid-feelings");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> icons = (List<Map<String, Object>>) driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        Promise.all(Array.from(document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon]')).map((l) => {
          const img = new Image();
          img.src = l.href;
          return img.decode().then(() => ({href: l.getAttribute('href'), width: img.naturalWidth}),
              (e) => ({href: l.getAttribute('href'), error: String(e)}));
        })).then(done);""");
    assertThat(icons).extracting(i -> i.get("href"))
        .containsExactly("/favicon.ico", "/icon.svg", "/apple-touch-icon.png");
    for (Map<String, Object> icon : icons) {
      assertThat(icon).as("%s", icon).doesNotContainKey("error");
      assertThat(((Number) icon.get("width")).intValue()).as("%s", icon).isGreaterThanOrEqualTo(16);
    }
  }

  // ---------------------------------------------------------------------------------------------------------

  private void assertControlsSideBySideInside(String name) {
    List<String> selectors = List.of(".pg-play", ".pg-seek-input", ".pg-fullscreen");
    double previousRight = -1;
    for (String selector : selectors) {
      Map<String, Object> r = assertInside(selector, name);
      assertThat(num(r, "left")).as("%s after the previous control in %s", selector, name)
          .isGreaterThanOrEqualTo(previousRight - 0.5);
      previousRight = num(r, "right");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> assertInside(String selector, String name) {
    Map<String, Object> r = (Map<String, Object>) driver.executeScript(RECT_JS, selector);
    assertThat(r).as("%s in %s", selector, name).doesNotContainKey("missing");
    assertThat(num(r, "width")).as("%s shown in %s", selector, name).isGreaterThanOrEqualTo(1);
    assertThat(num(r, "left")).as("%s left in %s", selector, name).isGreaterThanOrEqualTo(0);
    assertThat(num(r, "top")).as("%s top in %s", selector, name).isGreaterThanOrEqualTo(0);
    assertThat(num(r, "right")).as("%s right in %s: %s", selector, name, r)
        .isLessThanOrEqualTo(num(r, "innerWidth") + 0.5);
    assertThat(num(r, "bottom")).as("%s bottom in %s: %s", selector, name, r)
        .isLessThanOrEqualTo(num(r, "innerHeight") + 0.5);
    return r;
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  private static JsonObject oembed(String id, String query) {
    String url = gateway.base() + "/media/" + id;
    var r = Http.get(gateway.base() + "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  private static String page(String body) {
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Partner</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>body{margin:16px;background:#e9e9ee;font:16px system-ui}</style></head>
        <body>
        %s
        </body></html>
        """.formatted(body);
  }

  private void waitFor(Supplier<Boolean> condition, String what) {
    try {
      new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> Boolean.TRUE.equals(condition.get()));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }
}
