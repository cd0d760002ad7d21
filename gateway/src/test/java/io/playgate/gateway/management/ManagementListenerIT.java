package io.playgate.gateway.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The management listener on a real gateway built as {@code Main} builds it (one registry, a Vert.x instance
 * reporting into it), on the demo catalogue: {@code /metrics} is there and not on the public port, the health checks
 * are on both, and private or unlisted media played through signed URLs never show up in it.
 */
class ManagementListenerIT {

  private static final String SECRET = "management-it-signing-secret-0123";
  private static final List<String> NON_PUBLIC = List.of("sectoid-feelings-private", "muldjord-armygeddon-unlisted");
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static Vertx vertx;
  private static Playgate gateway;
  private static String base;
  private static String management;

  @BeforeAll
  static void start() throws Exception {
    GatewayMetrics metrics = GatewayMetrics.create();
    vertx = metrics.createVertx();
    gateway = Playgate.start(vertx, TestGateway.config(Map.of("hub.catalog", TestGateway.demoCatalog().toString(),
            "partners.signingSecret", SECRET)), Ticker.systemTicker(), metrics)
        .await(30, TimeUnit.SECONDS);
    base = gateway.publicBaseUrl();
    management = TestGateway.managementBase(gateway);
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void metricsAreOnTheManagementListenerOnly() {
    assertThat(gateway.managementPort()).isPositive().isNotEqualTo(gateway.port());
    HttpResponse<String> publicMetrics = Http.get(base + "/metrics");
    assertThat(publicMetrics.statusCode()).isEqualTo(404);
    assertThat(publicMetrics.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(publicMetrics.body()).doesNotContain("# TYPE");
    assertThat(Http.send("HEAD", base + "/metrics").statusCode()).isEqualTo(404);

    HttpResponse<String> scraped = Http.get(management + "/metrics");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(scraped.body()).contains("# TYPE vertx_http_server_requests_total counter")
        .contains("# TYPE jvm_memory_used_bytes gauge");
    assertThat(Http.get(management + "/").statusCode()).isEqualTo(404);
    assertThat(Http.get(management + "/oembed?url=x").statusCode()).isEqualTo(404);
  }

  @Test
  void healthChecksAreOnBothListeners() {
    for (String origin : List.of(base, management)) {
      for (String path : List.of("/health/live", "/health/ready")) {
        HttpResponse<String> r = Http.get(origin + path);
        assertThat(r.statusCode()).as(origin + path).isEqualTo(200);
        assertThat(Http.json(r).getString("status")).isEqualTo("UP");
      }
    }
  }

  @Test
  void privateAndUnlistedMediaPlayedThroughSignedUrlsAreNeverLabelValues() throws Exception {
    long exp = Instant.now().plusSeconds(600).getEpochSecond();
    for (String id : NON_PUBLIC) {
      HttpResponse<String> page = Http.get(base + "/embed/" + id + "?exp=" + exp + "&sig=" + sig(id, exp));
      assertThat(page.statusCode()).as(id).isEqualTo(200);
      String stream = Jsoup.parse(page.body(), base).selectFirst("source").absUrl("src");
      assertThat(Http.getBytes(stream, "Range", "bytes=0-1023").statusCode()).as(stream).isEqualTo(206);
      for (String event : List.of("impression", "play", "q25")) {
        assertThat(beacon(id, event).statusCode()).as(id + " " + event).isEqualTo(204);
      }
    }
    assertThat(beacon("sectoid-feelings", "play").statusCode()).isEqualTo(204);

    String metrics = Http.get(management + "/metrics").body();
    for (String id : NON_PUBLIC) {
      assertThat(metrics).as("no series names " + id).doesNotContain(id);
    }
    // counted, without their ids; a public id keeps its name
    assertThat(metrics).contains("playgate_player_events_total{event=\"play\",media=\"other\","
        + "origin=\"https://partner.example\"} 2.0");
    assertThat(metrics).contains("media=\"sectoid-feelings\"");
  }

  private static HttpResponse<String> beacon(String id, String event) throws Exception {
    String body = new JsonObject().put("v", 1).put("media", id).put("event", event)
        .put("origin", "https://partner.example").encode();
    return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/events")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The documented signature of a URL minted without a partner (README "Signed embed URLs"). */
  private static String sig(String id, long exp) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(("playgate-embed-v1\n" + id + "\n" + exp + "\n")
        .getBytes(StandardCharsets.UTF_8)));
  }
}
