package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.playgate.gateway.testing.Chromium;
import io.playgate.gateway.testing.GatewayExtension;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The players as a partner and a listener meet them, in real headless Chromium (Debian {@code /usr/bin/chromium}
 * driven by {@code /usr/bin/chromedriver}) against a real gateway on the demo catalogue ({@code conf/catalog}).
 * A second Vert.x HTTP server on another 127.0.0.1 port plays the partner: its pages load {@code /embed.js} from
 * the gateway's origin and drive the players through {@code Playgate.player(…)} (the player.js protocol over
 * postMessage, across origins). Screenshots land in {@code gateway/target/screenshots/player-*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PlayerBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TRACK = "sectoid-feelings";
  private static final String TRACK_DNT = "muldjord-armygeddon";
  private static final String TRACK_CONTROL = "renich-to-be-happy";
  private static final String PLAYLIST = "playgate-demo-mix";
  private static final String ALBUM = "sectoid-fof";
  private static final String VIDEO = "big-buck-bunny";

  /** Calls {@code Playgate.player(frames[i])[method](arg)} on the host page; answers {ok: value} or {error}. */
  private static final String CALL_JS = """
      const [i, method, arg] = arguments, done = arguments[arguments.length - 1];
      Playgate.embedded.then((frames) => {
        const p = Playgate.player(frames[i]);
        return p.ready.then(() => (arg === null ? p[method]() : p[method](arg)));
      }).then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ error: String(e) }));""";

  /** Subscribes to the player's events on the host page; they collect in window.pgLog[i]. */
  private static final String RECORD_JS = """
      const [i] = arguments, done = arguments[arguments.length - 1];
      Playgate.embedded.then((frames) => {
        window.pgLog = window.pgLog || {};
        const log = window.pgLog[i] = [];
        const p = Playgate.player(frames[i]);
        for (const ev of ['ready', 'play', 'timeupdate', 'pause', 'seeked', 'ended']) p.on(ev, () => log.push(ev));
        done(frames.length);
      }, (e) => done('error: ' + e));""";

  /** State of the page's .pg-media element (in the current browsing context). */
  private static final String MEDIA_JS = """
      const m = document.querySelector('.pg-media');
      if (!m) return null;
      return { currentTime: m.currentTime, paused: m.paused, muted: m.muted, src: m.currentSrc,
               error: m.error ? m.error.code : null, videoWidth: m.videoWidth === undefined ? -1 : m.videoWidth };""";

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().demoCatalog();
  @RegisterExtension
  static final Chromium chromium = Chromium.headless("players", Chromium.AUTOPLAY, "--window-size=1100,1500",
      "--hide-scrollbars");

  private HttpServer host;
  private final Map<String, String> hostPages = new ConcurrentHashMap<>();
  private String hostOrigin;
  private ChromeDriver driver;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    // the partner: another origin (127.0.0.1 and another port; the gateway is http://localhost:<port>)
    host = gateway.vertx().createHttpServer().requestHandler(req -> {
      String page = hostPages.get(req.path());
      if (page == null) {
        req.response().setStatusCode(404).end();
      } else {
        req.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
      }
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    hostOrigin = "http://127.0.0.1:" + host.actualPort();
    hostPages.put("/sdk.html", sdkPage());

    driver = chromium.driver();
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    driver.manage().timeouts().scriptTimeout(WAIT);
  }

  /** The player pages must run under their CSP without a single violation. */
  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(chromium.consoleMessages(e -> e.getMessage().contains("Content Security Policy")))
        .as("CSP violations in the browser console").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------
  // embed.js on a partner page: links become players; the control API works across origins

  @Test
  void sdkEmbedsLinksAndDrivesTrackThroughControlApi() {
    openSdkPage();
    List<WebElement> frames = driver.findElements(By.cssSelector("iframe.playgate-player"));
    assertThat(frames).hasSize(3);
    for (WebElement f : frames) {
      assertThat(f.getAttribute("title")).as("iframe title").isNotBlank();
      assertThat(f.getAttribute("src")).startsWith(gateway.base() + "/embed/");
    }
    assertThat(frames.get(0).getAttribute("title")).contains("Feelings");

    call(0, "play", null);
    double t1 = waitForNumber(() -> number(call(0, "getCurrentTime", null)), t -> t > 1.0, "track time past 1 s");
    assertThat(t1).isGreaterThan(1.0);
    call(0, "setCurrentTime", 30);
    waitForNumber(() -> number(call(0, "getCurrentTime", null)), t -> t >= 30, "track time after setCurrentTime(30)");
    call(0, "pause", null);
    waitFor(() -> Boolean.TRUE.equals(call(0, "getPaused", null)), "getPaused() true after pause()");
    double duration = number(call(0, "getDuration", null));
    assertThat(duration).as("getDuration").isBetween(60.0, 80.0);
    call(0, "setVolume", 40);
    assertThat(number(call(0, "getVolume", null))).isEqualTo(40.0);

    @SuppressWarnings("unchecked")
    List<String> log = (List<String>) driver.executeScript("return window.pgLog[0];");
    System.out.println("[events] " + log);
    assertThat(log).as("events of the track").isNotEmpty();
    assertThat(log.get(0)).isEqualTo("ready");
    int play = log.indexOf("play");
    int time = indexAfter(log, "timeupdate", play);
    int pause = indexAfter(log, "pause", time);
    assertThat(play).as("play after ready in %s", log).isPositive();
    assertThat(time).as("timeupdate after play in %s", log).isGreaterThan(play);
    assertThat(pause).as("pause after timeupdate in %s", log).isGreaterThan(time);
  }

  @Test
  void sdkPlaylistNextPlaysTheVideoRowInPlaceAndGrowsTheFrame() {
    openSdkPage();
    WebElement frame = driver.findElements(By.cssSelector("iframe.playgate-player")).get(1);
    // the playlist asked for room to show its whole track list (8 rows)
    waitFor(() -> Integer.parseInt(frame.getAttribute("height")) > 352, "the playlist iframe to grow");
    call(1, "play", null);
    waitForNumber(() -> number(call(1, "getCurrentTime", null)), t -> t > 0.5, "first row playing");
    call(1, "next", null);
    driver.switchTo().frame(frame);
    try {
      waitFor(() -> "1".equals(driver.findElement(By.cssSelector(".pg-row.pg-current")).getAttribute("data-index")),
          "second row marked current");
      Map<String, Object> s = waitForMedia(m -> num(m, "currentTime") > 0.5 && !(Boolean) m.get("paused"),
          "second row (a video) playing");
      assertThat(((Number) s.get("videoWidth")).intValue()).as("the video row shows its frames").isPositive();
      assertThat(driver.findElement(By.cssSelector(".pg-player")).getAttribute("class")).contains("pg-showing-video");
      // the audio row played in an <audio> element; the video row in a <video> that took its place
      assertThat(driver.findElements(By.cssSelector(".pg-media"))).singleElement()
          .satisfies(m -> assertThat(m.getTagName()).isEqualTo("video"));
      assertThat(driver.findElement(By.cssSelector(".pg-row.pg-current .pg-row-play")).getAttribute("aria-current"))
          .isEqualTo("true");
    } finally {
      driver.switchTo().defaultContent();
    }
    double t = waitForNumber(() -> number(call(1, "getCurrentTime", null)), x -> x > 0.5, "video row via the API");
    assertThat(t).isPositive();
    call(1, "previous", null);
    call(1, "pause", null);
  }

  @Test
  void sdkVideoPlaysAndPauses() {
    openSdkPage();
    WebElement frame = driver.findElements(By.cssSelector("iframe.playgate-player")).get(2);
    double ratio = (double) frame.getRect().getWidth() / frame.getRect().getHeight();
    assertThat(ratio).as("the video box keeps 16:9 (%s)", frame.getRect().getDimension()).isCloseTo(16.0 / 9, within(0.02));
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(400, 1500));
    try {
      waitFor(() -> frame.getRect().getWidth() < 480, "the video box to shrink with the page");
      double narrow = (double) frame.getRect().getWidth() / frame.getRect().getHeight();
      assertThat(narrow).as("still 16:9 when narrow").isCloseTo(16.0 / 9, within(0.02));
    } finally {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1500));
    }
    call(2, "play", null);
    waitForNumber(() -> number(call(2, "getCurrentTime", null)), t -> t > 1.0, "video time past 1 s");
    call(2, "pause", null);
    waitFor(() -> Boolean.TRUE.equals(call(2, "getPaused", null)), "video paused");
    assertThat(number(call(2, "getDuration", null))).isGreaterThan(2.0);
  }

  /** A player.js host without our SDK: raw messages (objects or JSON strings) work; junk is ignored. */
  @Test
  void rawPlayerJsMessagesWorkAndJunkIsIgnored() {
    hostPages.put("/raw.html", framePage(List.of(gateway.base() + "/embed/" + TRACK), 560, 152));
    driver.get(hostOrigin + "/raw.html");
    call(0, "getPaused", null); // waits for ready
    Object answer = driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const w = document.querySelector('iframe').contentWindow;
        const answers = [];
        let finished = false;
        const finish = () => { if (!finished) { finished = true; done(answers); } };
        const askTime = () => w.postMessage(
            JSON.stringify({ context: 'player.js', method: 'getCurrentTime', listener: 'raw-3' }), '*');
        window.addEventListener('message', (e) => {
          if (e.source !== w) return;
          const d = typeof e.data === 'string' ? JSON.parse(e.data) : e.data;
          if (d.listener === 'raw-1' || d.listener === 'raw-2') answers.push(d);
          if (d.listener === 'raw-2') finish();
          if (d.listener !== 'raw-3') return;
          if (d.value > 0.3) {
            answers.push(d);
            w.postMessage(JSON.stringify({ context: 'player.js', method: 'getPaused', listener: 'raw-2' }), '*');
          } else {
            setTimeout(askTime, 100);
          }
        });
        for (const junk of ['not json', '{"context":"player.js","method":"eval","value":"alert(1)"}',
            { context: 'player.js', method: 'constructor' }, { context: 'player.js', method: '__proto__' },
            { context: 'player.js', method: 'toString' }, 'x'.repeat(100000), null, [1, 2], 42,
            { context: 'other', method: 'play' }, { method: 'play' },
            { context: 'player.js', method: 'setCurrentTime', value: 'NaN' },
            { context: 'player.js', method: 'setVolume', value: { valueOf: 1 } }]) {
          w.postMessage(junk, '*');
        }
        // after the junk: still paused, and still answering (an object message, then JSON strings); playing
        // advances the time (asked until it passes 0.3 s, at most 15 s), and then the player says it is not paused
        w.postMessage({ context: 'player.js', version: '0.0.11', method: 'getPaused', listener: 'raw-1' }, '*');
        w.postMessage({ context: 'player.js', method: 'play' }, '*');
        askTime();
        setTimeout(finish, 15000);""");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> answers = (List<Map<String, Object>>) answer;
    System.out.println("[raw] " + answers);
    assertThat(answers).hasSize(3);
    assertThat(answers.get(0)).containsEntry("listener", "raw-1").containsEntry("event", "getPaused")
        .containsEntry("value", true).containsEntry("context", "player.js");
    assertThat(answers.get(1)).containsEntry("listener", "raw-3").containsEntry("event", "getCurrentTime");
    assertThat(number(answers.get(1).get("value"))).isGreaterThan(0.3);
    assertThat(answers.get(2)).containsEntry("listener", "raw-2").containsEntry("event", "getPaused")
        .containsEntry("value", false);
    call(0, "pause", null);
  }

  // ---------------------------------------------------------------------------------------------------------
  // the player page itself

  @Test
  void keyboardPlaysPausesAndSeeks() {
    driver.get(gateway.base() + "/embed/" + TRACK);
    WebElement play = driver.findElement(By.cssSelector(".pg-play"));
    waitFor(play::isDisplayed, "custom controls");
    // Tab walks every control
    driver.executeScript("document.activeElement && document.activeElement.blur();");
    List<String> reached = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      new Actions(driver).sendKeys(Keys.TAB).perform();
      reached.add(String.valueOf(driver.executeScript("return document.activeElement.className;")));
    }
    assertThat(String.join(" ", reached)).contains("pg-play", "pg-seek-input", "pg-mute", "pg-volume");

    play.sendKeys("k");
    Map<String, Object> s = waitForMedia(m -> !(Boolean) m.get("paused") && num(m, "currentTime") > 0.5, "k starts playback");
    assertThat(play.getAttribute("aria-label")).isEqualTo("Pause");
    double before = num(s, "currentTime");
    play.sendKeys(Keys.ARROW_RIGHT);
    waitForMedia(m -> num(m, "currentTime") >= before + 4.5, "ArrowRight seeks 5 s ahead");
    WebElement seek = driver.findElement(By.cssSelector(".pg-seek-input"));
    seek.sendKeys(Keys.SPACE);
    s = waitForMedia(m -> (Boolean) m.get("paused"), "space on the seek bar pauses");
    double at = num(s, "currentTime");
    seek.sendKeys(Keys.ARROW_LEFT);
    waitForMedia(m -> num(m, "currentTime") <= at - 4.5, "ArrowLeft on the seek bar seeks 5 s back");
    assertThat(play.getAttribute("aria-label")).isEqualTo("Play");
    assertThat(driver.findElement(By.cssSelector(".pg-live")).getAttribute("textContent")).contains("of");
    play.sendKeys(Keys.ARROW_DOWN);
    waitFor(() -> "90".equals(driver.findElement(By.cssSelector(".pg-volume")).getAttribute("value")),
        "ArrowDown lowers the volume");
  }

  @Test
  void facadeLoadsNoMediaUntilClickedThenPlays() {
    driver.get(gateway.base() + "/embed/" + TRACK + "?facade=1");
    waitFor(() -> "complete".equals(driver.executeScript("return document.readyState")), "page load");
    List<String> before = resources();
    System.out.println("[facade] resources before the click: " + before);
    assertThat(before).noneMatch(PlayerBrowserIT::isMedia);
    assertThat(before).noneMatch(u -> u.contains("/widgets/player.") && u.endsWith(".js"));
    assertThat(before).noneMatch(u -> u.endsWith("-600.jpg"));
    assertThat(before).anyMatch(u -> u.contains("/widgets/facade.") && u.endsWith(".js"));
    assertThat((Long) driver.executeScript("return document.querySelectorAll('audio, video').length;")).isZero();

    driver.findElement(By.cssSelector(".pg-facade")).click();
    Map<String, Object> s = waitForMedia(m -> !(Boolean) m.get("paused") && num(m, "currentTime") > 1.0,
        "the player after the click");
    assertThat(s.get("muted")).as("a click is a gesture: the facade plays with sound").isEqualTo(false);
    List<String> after = resources();
    System.out.println("[facade] resources after the click: " + after);
    assertThat(after).anyMatch(u -> u.contains("/widgets/player.") && u.endsWith(".js"));
  }

  @Test
  void autoplayStartsMutedAndOffersUnmute() {
    driver.get(gateway.base() + "/embed/" + TRACK + "?autoplay=1");
    Map<String, Object> s = waitForMedia(m -> !(Boolean) m.get("paused") && num(m, "currentTime") > 1.0,
        "autoplay");
    assertThat(s.get("muted")).isEqualTo(true);
    WebElement unmute = driver.findElement(By.cssSelector(".pg-unmute"));
    waitFor(unmute::isDisplayed, "the unmute button");
    unmute.click();
    waitForMedia(m -> Boolean.FALSE.equals(m.get("muted")), "unmuted");
    waitFor(() -> !unmute.isDisplayed(), "the unmute button to go");
  }

  @Test
  void axeFindsNoSeriousOrCriticalViolations() {
    List<String> problems = new ArrayList<>();
    for (String path : List.of("/embed/" + TRACK + "?theme=light", "/embed/" + TRACK + "?theme=dark&layout=large",
        "/embed/" + PLAYLIST + "?theme=light", "/embed/" + ALBUM + "?theme=dark&layout=compact",
        "/embed/" + VIDEO, "/embed/" + TRACK + "?facade=1", "/media/" + PLAYLIST)) {
      driver.get(gateway.base() + path);
      waitFor(() -> (Boolean) driver.executeScript(
          "return !!document.querySelector('.pg-enhanced, .pg-facade-root');"), "player on " + path);
      Results results = new AxeBuilder().analyze(driver);
      for (Rule r : results.getViolations()) {
        String line = path + ": " + r.getImpact() + " " + r.getId() + " – " + r.getHelp() + " ("
            + r.getNodes().size() + " nodes: " + r.getNodes().stream().map(n -> String.valueOf(n.getTarget()))
            .limit(3).toList() + ")";
        System.out.println("[axe] " + line);
        if ("serious".equals(r.getImpact()) || "critical".equals(r.getImpact())) {
          problems.add(line);
        }
      }
    }
    assertThat(problems).as("axe-core serious/critical violations").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------
  // analytics: beacons from played players arrive in /metrics (the management listener); dnt=1 sends none

  @Test
  void beaconsOfAPlayedTrackShowInMetricsAndDntSendsNone() throws Exception {
    hostPages.put("/beacons.html", framePage(List.of(gateway.base() + "/embed/" + TRACK_DNT + "?dnt=1",
        gateway.base() + "/embed/" + TRACK_CONTROL), 560, 152));
    driver.get(hostOrigin + "/beacons.html");
    for (int i = 0; i < 2; i++) {
      call(i, "setCurrentTime", 50);
      call(i, "play", null);
    }
    for (int i = 0; i < 2; i++) {
      int player = i;
      waitForNumber(() -> number(call(player, "getCurrentTime", null)), t -> t > 54, "player " + i + " past 75 %");
      call(i, "pause", null);
    }
    String origin = "origin=\"" + hostOrigin + "\"";
    for (String event : List.of("impression", "play", "q25", "q50", "q75")) {
      waitFor(() -> metricsLines().stream().anyMatch(l -> l.contains("media=\"" + TRACK_CONTROL + "\"")
          && l.contains("event=\"" + event + "\"") && l.contains(origin) && !l.endsWith(" 0.0")),
          event + " of " + TRACK_CONTROL + " from " + hostOrigin + " in /metrics");
    }
    assertThat(metricsLines()).as("dnt=1 sends no beacon").noneMatch(l -> l.contains("media=\"" + TRACK_DNT + "\""));
    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/events"))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString("{\"v\":1,\"media\":\"" + TRACK_CONTROL + "\",\"event\":\"play\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  // ---------------------------------------------------------------------------------------------------------
  // screenshots: each player, light and dark, compact and large, on a partner page

  @Test
  void screenshotsOfEachPlayer() throws IOException {
    record Shot(String name, String src, int width, int height) {
      boolean facade() {
        return src.contains("facade=1");
      }

      boolean grows() {
        return name.startsWith("playlist");
      }
    }
    List<Shot> shots = new ArrayList<>();
    for (String theme : List.of("light", "dark")) {
      shots.add(new Shot("track-compact-" + theme, "/embed/" + TRACK + "?theme=" + theme, 560, 152));
      shots.add(new Shot("track-large-" + theme, "/embed/" + TRACK + "?layout=large&theme=" + theme, 560, 352));
      shots.add(new Shot("album-compact-" + theme, "/embed/" + ALBUM + "?layout=compact&theme=" + theme, 560, 152));
      shots.add(new Shot("playlist-large-" + theme, "/embed/" + PLAYLIST + "?theme=" + theme + "&color=1db954",
          560, 352));
      shots.add(new Shot("video-" + theme, "/embed/" + VIDEO + "?theme=" + theme, 640, 360));
      shots.add(new Shot("facade-" + theme, "/embed/" + TRACK + "?facade=1&theme=" + theme, 560, 152));
    }
    shots.add(new Shot("playlist-video-row-light", "/embed/" + PLAYLIST + "?theme=light", 560, 352));
    shots.add(new Shot("facade-video-dark", "/embed/" + VIDEO + "?facade=1&theme=dark", 640, 360));
    for (Shot shot : shots) {
      hostPages.put("/shot.html", framePage(List.of(gateway.base() + shot.src()), shot.width(), shot.height()));
      driver.get(hostOrigin + "/shot.html");
      if (shot.name().startsWith("playlist-video-row")) {
        call(0, "next", null);
        waitForNumber(() -> number(call(0, "getCurrentTime", null)), t -> t > 2.2, "the video row");
        call(0, "pause", null);
        waitFor(() -> Boolean.TRUE.equals(call(0, "getPaused", null)), "pause for " + shot.name());
      } else if (!shot.facade()) {
        call(0, "play", null);
        waitForNumber(() -> number(call(0, "getCurrentTime", null)), t -> t > 2.2, "playback for " + shot.name());
        call(0, "pause", null);
        waitFor(() -> Boolean.TRUE.equals(call(0, "getPaused", null)), "pause for " + shot.name());
      }
      WebElement frame = driver.findElement(By.cssSelector("iframe"));
      if (shot.grows()) {
        waitFor(() -> Integer.parseInt(frame.getAttribute("height")) > shot.height(), "resize of " + shot.name());
      }
      waitForTransitions(frame, shot.name());
      chromium.screenshot(frame, "player-" + shot.name());
    }
  }

  /**
   * Frames down to the smallest size oEmbed answers (PlayerSize.MIN_WIDTH × MIN_HEIGHT = 200 × 80): the mini
   * presentation keeps the title, the play button and the seek bar wholly inside the frame. Screenshots:
   * {@code player-mini-*.png}.
   */
  @Test
  void miniPlayersKeepTitlePlayAndSeekInsideSmallFrames() throws IOException {
    record Small(String name, String src, int width, int height) {
    }
    List<Small> frames = List.of(
        new Small("mini-track-560x100-light", "/embed/" + TRACK + "?layout=compact&theme=light", 560, 100),
        new Small("mini-track-560x80-dark", "/embed/" + TRACK + "?layout=compact&theme=dark", 560, 80),
        new Small("mini-track-200x80-light", "/embed/" + TRACK + "?layout=compact&theme=light", 200, 80),
        new Small("mini-track-200x152-light", "/embed/" + TRACK + "?theme=light", 200, 152),
        new Small("mini-album-560x80-light", "/embed/" + ALBUM + "?layout=compact&theme=light", 560, 80),
        new Small("mini-playlist-200x80-dark", "/embed/" + PLAYLIST + "?layout=compact&theme=dark", 200, 80),
        new Small("mini-playlist-360x152-light", "/embed/" + PLAYLIST + "?layout=compact&theme=light", 360, 152),
        new Small("mini-video-200x112-dark", "/embed/" + VIDEO + "?theme=dark", 200, 112),
        new Small("mini-facade-560x80-light", "/embed/" + TRACK + "?layout=compact&facade=1&theme=light", 560, 80));
    for (Small f : frames) {
      hostPages.put("/mini.html", framePage(List.of(gateway.base() + f.src()), f.width(), f.height()));
      driver.get(hostOrigin + "/mini.html");
      WebElement frame = driver.findElement(By.cssSelector("iframe"));
      boolean facade = f.src().contains("facade=1");
      if (!facade) {
        call(0, "play", null);
        waitForNumber(() -> number(call(0, "getCurrentTime", null)), t -> t > 1.2, "playback in " + f.name());
        call(0, "pause", null);
        waitFor(() -> Boolean.TRUE.equals(call(0, "getPaused", null)), "pause in " + f.name());
      }
      driver.switchTo().frame(frame);
      try {
        List<String> selectors = facade ? List.of(".pg-facade-play", ".pg-facade-title")
            : f.src().contains(VIDEO) ? List.of(".pg-play", ".pg-seek-input", ".pg-fullscreen:not([hidden])")
            : List.of(".pg-title", ".pg-play", ".pg-seek-input");
        for (String selector : selectors) {
          String clipped = (String) driver.executeScript("""
              const e = document.querySelector(arguments[0]);
              if (!e) return 'missing';
              const r = e.getBoundingClientRect();
              if (r.width < 1 || r.height < 1) return 'not shown';
              return r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5
                  ? null : 'outside the frame: ' + JSON.stringify(r) + ' in ' + innerWidth + 'x' + innerHeight;
              """, selector);
          assertThat(clipped).as("%s in %s", selector, f.name()).isNull();
        }
      } finally {
        driver.switchTo().defaultContent();
      }
      waitForTransitions(frame, f.name());
      chromium.screenshot(frame, "player-" + f.name());
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  private String sdkPage() {
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>A partner's blog</title></head>
        <body>
        <h1>A partner's blog post</h1>
        <p><a class="playgate-embed" href="%1$s/media/%2$s">Listen to the track</a></p>
        <p><a class="playgate-embed" href="%1$s/media/%3$s" data-maxheight="352" data-theme="dark">The playlist</a></p>
        <p><a class="playgate-embed" href="%1$s/media/%4$s" data-maxwidth="480">The video</a></p>
        <script src="%1$s/embed.js"></script>
        </body></html>
        """.formatted(gateway.base(), TRACK, PLAYLIST, VIDEO);
  }

  /** A partner page with bare iframes (no oEmbed), driven through embed.js's Playgate.player(iframe). */
  private static String framePage(List<String> srcs, int width, int height) {
    StringBuilder frames = new StringBuilder();
    for (String src : srcs) {
      frames.append("<iframe src=\"").append(src).append("\" width=\"").append(width).append("\" height=\"")
          .append(height).append("\" title=\"Playgate player\" allow=\"autoplay; fullscreen; picture-in-picture\""
              + " style=\"border:0;display:block;margin:0 0 8px\"></iframe>\n");
    }
    String gateway = srcs.get(0).substring(0, srcs.get(0).indexOf("/embed/"));
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Partner</title>
        <style>body{margin:16px;background:#e9e9ee}</style></head>
        <body>
        %s<script src="%s/embed.js"></script>
        <script>window.Playgate.embedded = Promise.resolve(Array.from(document.querySelectorAll('iframe')));</script>
        </body></html>
        """.formatted(frames, gateway);
  }

  private void openSdkPage() {
    driver.get(hostOrigin + "/sdk.html");
    Object n = driver.executeAsyncScript(RECORD_JS, 0);
    assertThat(n).as("embedded players").isEqualTo(3L);
  }

  @SuppressWarnings("unchecked")
  private Object call(int frame, String method, Object arg) {
    Map<String, Object> r = (Map<String, Object>) driver.executeAsyncScript(CALL_JS, frame, method, arg);
    if (r.containsKey("error")) {
      throw new AssertionError(method + " on player " + frame + ": " + r.get("error"));
    }
    return r.get("ok");
  }

  private static double number(Object o) {
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static double num(Map<String, Object> m, String key) {
    return number(m.get(key));
  }

  private static int indexAfter(List<String> log, String event, int from) {
    for (int i = Math.max(0, from + 1); i < log.size(); i++) {
      if (log.get(i).equals(event)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isMedia(String url) {
    return url.endsWith(".opus") || url.endsWith(".mp3") || url.endsWith(".webm") || url.endsWith(".mp4");
  }

  @SuppressWarnings("unchecked")
  private List<String> resources() {
    return (List<String>) driver.executeScript(
        "return performance.getEntriesByType('resource').map(e => e.name);");
  }

  private List<String> metricsLines() {
    try {
      URI metrics = URI.create(gateway.managementBase() + "/metrics");
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      return r.body().lines().filter(l -> l.startsWith("playgate_player_events_total{")).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> waitForMedia(java.util.function.Predicate<Map<String, Object>> ok, String what) {
    try {
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> {
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) d).executeScript(MEDIA_JS);
        if (m != null && m.get("error") != null) {
          throw new AssertionError("media error while waiting for " + what + ": " + m);
        }
        return m != null && ok.test(m) ? m : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; media " + driver.executeScript(MEDIA_JS), e);
    }
  }

  private double waitForNumber(Supplier<Double> value, java.util.function.DoublePredicate ok, String what) {
    double[] last = {Double.NaN};
    try {
      return new WebDriverWait(driver, WAIT, Duration.ofMillis(150)).until(d -> {
        last[0] = value.get();
        return ok.test(last[0]) ? last[0] : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; last value " + last[0], e);
    }
  }

  private void waitFor(Supplier<Boolean> condition, String what) {
    try {
      new WebDriverWait(driver, WAIT, Duration.ofMillis(150)).until(d -> Boolean.TRUE.equals(condition.get()));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }

  /**
   * Waits until no CSS transition runs in the player frame (the controls fade in when playback pauses), so a
   * screenshot shows the settled player; {@code getAnimations()} lists running CSS transitions and animations.
   */
  private void waitForTransitions(WebElement frame, String what) {
    driver.switchTo().frame(frame);
    try {
      waitFor(() -> Boolean.TRUE.equals(driver.executeScript(
          "return document.getAnimations().every(a => a.playState === 'finished' || a.playState === 'idle');")),
          "the transitions in " + what);
    } finally {
      driver.switchTo().defaultContent();
    }
  }
}
