package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /events} and {@code GET /metrics} (on the management listener) on a real gateway (test catalogue),
 * built as {@code Main} builds it: one {@link GatewayMetrics} registry, and a Vert.x instance reporting into it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayerEventsIT {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final int ORIGINS_MAX = 50;
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded().metered()
      .with("metrics.eventOrigins", String.valueOf(ORIGINS_MAX));

  private static HttpResponse<String> post(String contentType, String body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.base() + "/events"))
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (contentType != null) {
        b.header("Content-Type", contentType);
      }
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String event(String media, String event, String origin) {
    return new JsonObject().put("v", 1).put("media", media).put("event", event).put("origin", origin).encode();
  }

  private static List<String> eventLines() {
    HttpResponse<String> r = Http.get(gateway.managementBase() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body().lines().filter(l -> l.startsWith("playgate_player_events_total{")).toList();
  }

  private static double count(String media, String event, String origin) {
    return eventLines().stream()
        .filter(l -> l.contains("media=\"" + media + "\"") && l.contains("event=\"" + event + "\"")
            && l.contains("origin=\"" + origin + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detailContains) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getString("detail")).contains(detailContains);
  }

  @Test
  void aValidBeaconIsCountedPerMediaEventAndOrigin() {
    double before = count("t1", "play", "https://blog.example");
    HttpResponse<String> r = post("text/plain;charset=UTF-8", event("t1", "play", "https://Blog.Example"));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(post("application/json", event("t1", "play", "https://blog.example")).statusCode()).isEqualTo(204);
    assertThat(count("t1", "play", "https://blog.example")).isEqualTo(before + 2);
    assertThat(post("text/plain", event("t1", "q75", "http://127.0.0.1:8081")).statusCode()).isEqualTo(204);
    assertThat(count("t1", "q75", "http://127.0.0.1:8081")).isEqualTo(1);
  }

  @Test
  void malformedBeaconsAre400AndNotCounted() {
    List<String> before = eventLines();
    assertProblem(post("text/plain", "not json"), 400, "JSON object");
    assertProblem(post("text/plain", "[1,2]"), 400, "JSON object");
    assertProblem(post("text/plain", ""), 400, "body");
    assertProblem(post("text/plain", "{\"v\":1,\"media\":\"t1\",\"event\":\"play\"}"), 400, "origin");
    assertProblem(post("text/plain", "{\"v\":2,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"https://a.example\"}"),
        400, "v:");
    assertProblem(post("text/plain", event("t1", "click", "https://a.example")), 400, "event:");
    assertProblem(post("text/plain", event("t1", "play", "https://a.example/page")), 400, "origin:");
    assertProblem(post("text/plain", event("t1", "play", "javascript:alert(1)")), 400, "origin:");
    assertProblem(post("text/plain", event("t1", "play", "https://user@a.example")), 400, "origin:");
    assertProblem(post("text/plain", event("../etc", "play", "https://a.example")), 400, "media:");
    assertProblem(post("text/plain", new JsonObject(event("t1", "play", "https://a.example")).put("user", "x").encode()),
        400, "unknown member");
    // well-formed, but no media the gateway serves (unknown, private, removed): not counted, and no hub call
    assertProblem(post("text/plain", event("nosuchid", "play", "https://a.example")), 400, "media:");
    assertProblem(post("text/plain", event("private1", "play", "https://a.example")), 400, "media:");
    assertProblem(post("text/plain", event("gone1", "play", "https://a.example")), 400, "media:");
    assertProblem(post("application/xml", event("t1", "play", "https://a.example")), 415, "Content-Type");
    assertThat(post("text/plain", "{\"v\":1,\"pad\":\"" + "x".repeat(2000) + "\"}").statusCode()).isEqualTo(413);
    assertThat(eventLines()).isEqualTo(before);
  }

  /** Runs last: it fills the origin cap, after which new origins count as "other". */
  @Test
  @Order(Integer.MAX_VALUE)
  void originsBeyondTheCapFoldIntoOther() {
    for (int i = 0; i < ORIGINS_MAX + 20; i++) {
      assertThat(post("text/plain", event("t2", "impression", "https://site" + i + ".example")).statusCode())
          .isEqualTo(204);
    }
    List<String> lines = eventLines();
    long distinctOrigins = lines.stream().map(l -> l.replaceAll(".*origin=\"([^\"]*)\".*", "$1")).distinct().count();
    assertThat(distinctOrigins).isLessThanOrEqualTo(ORIGINS_MAX + 1);
    assertThat(count("t2", "impression", "other")).isGreaterThanOrEqualTo(20);
  }

  @Test
  void metricsAreInPrometheusTextWithVertxMetrics() {
    Http.get(gateway.base() + "/embed/t1");
    HttpResponse<String> r = Http.get(gateway.managementBase() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(r.body()).contains("# TYPE vertx_http_server_requests_total counter");
    assertThat(gateway.meterRegistry()).isNotNull();
  }
}
