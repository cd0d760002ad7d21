package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's {@code waveform} extension against a real HTTP hub on loopback whose peaks answer well or badly: good
 * peaks become levels cached with the entry (fetched once, drawn in the player); every bad answer leaves the track
 * playing without a waveform, within the deadline, with one WARN line.
 */
class WaveformIT {

  private static final long MAX_BODY = 64 * 1024;
  private static Vertx vertx;
  private static HttpServer server;
  private static String base;
  private static HubClient client;
  private static final Map<String, AtomicInteger> peaksHits = new ConcurrentHashMap<>();

  /** A remote-mode gateway in front of the hub below, with the default hub deadline (5 s: a loaded CI machine). */
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.remote(() -> base);

  private static JsonObject track(String id, String kind, String peaksUrl) {
    return new JsonObject().put("id", id).put("kind", kind).put("title", "T " + id)
        .put("pageUrl", "https://hub.example/" + id).put("durationMs", 300)
        .put("streams", new io.vertx.core.json.JsonArray().add(new JsonObject()
            .put("url", "https://hub.example/" + id + ".mp3").put("mimeType", "audio/mpeg")))
        .put("waveform", new JsonObject().put("url", peaksUrl).put("samplesPerSecond", 10));
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(req -> {
      String name = req.path().substring(req.path().lastIndexOf('/') + 1);
      HttpServerResponse resp = req.response();
      if (req.path().startsWith("/peaks/")) {
        peaksHits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        answerPeaks(name, resp);
        return;
      }
      String peaksUrl = switch (name) {
        case "ftp" -> "ftp://127.0.0.1/peaks/good";
        case "nonsense" -> "http://[not a host/peaks";
        default -> base + "/peaks/" + (name.equals("video") ? "good" : name);
      };
      String kind = name.equals("video") ? "video" : "track";
      resp.putHeader("Content-Type", "application/json").putHeader("ETag", "\"" + name + "\"")
          .putHeader("Cache-Control", "max-age=300").end(track(name, kind, peaksUrl).encode());
    });
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
    // a 2 s deadline: short enough for the slow peaks below, long enough for a loaded CI machine
    client = WebHubClient.create(vertx, new HubClientOptions(() -> base, Duration.ofSeconds(1), Duration.ofSeconds(2),
        MAX_BODY, 8));
  }

  private static void answerPeaks(String name, HttpServerResponse resp) {
    switch (name) {
      case "good", "cached" -> resp.putHeader("Content-Type", "application/json").end("[0.5, 1, 0.25]");
      case "html" -> resp.putHeader("Content-Type", "text/html").end("<html>[0.5]</html>");
      case "big" -> resp.putHeader("Content-Type", "application/json").end("[" + "0,".repeat(1 << 20) + "0]");
      case "outofrange" -> resp.putHeader("Content-Type", "application/json").end("[0.5, 2]");
      case "redirect" -> resp.setStatusCode(302).putHeader("Location", base + "/peaks/good").end();
      case "slow" -> vertx.setTimer(8000, t -> resp.putHeader("Content-Type", "application/json").end("[0.5]"));
      default -> resp.setStatusCode(404).end();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void goodPeaksBecomeLevelsOfTheTrack() throws Exception {
    MediaItem item = client.fetch("good", null).await(5, TimeUnit.SECONDS).item();
    // 300 ms at 10 peaks per second: three levels, in percent
    assertThat(item.waveform().levels()).containsExactly(50, 100, 25);
    assertThat(item.waveform().url()).isEqualTo(base + "/peaks/good");
  }

  @ParameterizedTest
  @ValueSource(strings = {"missing", "html", "big", "outofrange", "redirect", "slow", "ftp", "nonsense"})
  void badPeaksLeaveThePlayableTrackWithoutAWaveform(String id) throws Exception {
    try (LogCapture log = LogCapture.of(WebHubClient.class.getName())) {
      long start = System.nanoTime();
      MediaItem item = client.fetch(id, null).await(5, TimeUnit.SECONDS).item();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within the deadline, not the slow answer's 8 s")
          .isLessThan(Duration.ofSeconds(6));
      assertThat(item.waveform()).isNull();
      assertThat(item.streams()).hasSize(1);
      assertThat(log.events()).filteredOn(e -> e.getFormattedMessage().startsWith("hub.waveform id=" + id + " "))
          .singleElement().extracting(ILoggingEvent::getLevel).hasToString("WARN");
    }
    if (id.equals("redirect")) {
      assertThat(peaksHits.getOrDefault("good", new AtomicInteger()).get()).as("redirect not followed").isZero();
    }
  }

  @Test
  void aVideoKeepsItsWaveformReferenceButNoPeaksAreFetched() throws Exception {
    int before = peaksHits.getOrDefault("good", new AtomicInteger()).get();
    MediaItem item = client.fetch("video", null).await(5, TimeUnit.SECONDS).item();
    assertThat(item.waveform().levels()).isEmpty();
    assertThat(peaksHits.getOrDefault("good", new AtomicInteger()).get()).isEqualTo(before);
  }

  @Test
  void theGatewayFetchesThePeaksOnceWithTheEntryAndDrawsThem() {
    for (String path : new String[] {"/embed/cached", "/embed/cached?theme=dark", "/media/cached"}) {
      HttpResponse<String> page = Http.get(gateway.base() + path);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<div class=\"pg-seek pg-has-wave\">")
          .contains("<svg class=\"pg-wave\" viewBox=\"0 0 3 100\"")
          .contains("d=\"M0.5 25v50M1.5 0v100M2.5 37.5v25\"");
    }
    assertThat(peaksHits.get("cached").get()).isEqualTo(1);
  }

  @Test
  void withoutPeaksThePlayerKeepsItsPlainBar() {
    HttpResponse<String> page = Http.get(gateway.base() + "/embed/missing");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<div class=\"pg-seek\">").contains("class=\"pg-bar\"").doesNotContain("pg-wave");
  }
}
