package io.playgate.gateway.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The management listener on a real gateway built as {@code Main} builds it (one registry, a Vert.x instance
 * reporting into it), on the demo catalogue: {@code /metrics} is there and not on the public port, the health checks
 * are on both, and private or unlisted media played through signed URLs never show up in it.
 */
class ManagementListenerIT {

  private static final String SECRET = "management-it-signing-secret-0123";
  private static final List<String> NON_PUBLIC = List.of("sectoid-feelings-private", "muldjord-armygeddon-unlisted");
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().metered().demoCatalog()
      .with("partners.signingSecret", SECRET);

  @Test
  void metricsAreOnTheManagementListenerOnly() {
    assertThat(gateway.managementPort()).isPositive().isNotEqualTo(gateway.port());
    HttpResponse<String> publicMetrics = Http.get(gateway.base() + "/metrics");
    assertThat(publicMetrics.statusCode()).isEqualTo(404);
    assertThat(publicMetrics.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(publicMetrics.body()).doesNotContain("# TYPE");
    assertThat(Http.send("HEAD", gateway.base() + "/metrics").statusCode()).isEqualTo(404);

    HttpResponse<String> scraped = Http.get(gateway.managementBase() + "/metrics");
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(scraped.body()).contains("# TYPE vertx_http_server_requests_total counter")
        .contains("# TYPE jvm_memory_used_bytes gauge");
    assertThat(Http.get(gateway.managementBase() + "/").statusCode()).isEqualTo(404);
    assertThat(Http.get(gateway.managementBase() + "/oembed?url=x").statusCode()).isEqualTo(404);
  }

  @Test
  void healthChecksAreOnBothListeners() {
    for (String origin : List.of(gateway.base(), gateway.managementBase())) {
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
      HttpResponse<String> page = Http.get(gateway.base() + "/embed/" + id + "?exp=" + exp + "&sig=" + sig(id, exp));
      assertThat(page.statusCode()).as(id).isEqualTo(200);
      String stream = Jsoup.parse(page.body(), gateway.base()).selectFirst("source").absUrl("src");
      assertThat(Http.getBytes(stream, "Range", "bytes=0-1023").statusCode()).as(stream).isEqualTo(206);
      for (String event : List.of("impression", "play", "q25")) {
        assertThat(beacon(id, event).statusCode()).as(id + " " + event).isEqualTo(204);
      }
    }
    assertThat(beacon("sectoid-feelings", "play").statusCode()).isEqualTo(204);

    String metrics = Http.get(gateway.managementBase() + "/metrics").body();
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
    return CLIENT.send(HttpRequest.newBuilder(URI.create(gateway.base() + "/events")).timeout(Duration.ofSeconds(10))
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
