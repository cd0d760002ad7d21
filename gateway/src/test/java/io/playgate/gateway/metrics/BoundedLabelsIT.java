package io.playgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.Overlay;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every label a client can influence stays bounded on a real gateway built as {@code Main} builds it (one registry,
 * a Vert.x instance reporting into it): invented HTTP methods, junk analytics origins; and {@code POST /events} is
 * rate limited like the other public routes.
 */
class BoundedLabelsIT {

  private static final String ACME_ORIGIN = "https://acme.example";
  private static final String NO_KEYS_SHA256 = "abababababababababababababababababababababababababababababababab";
  /** One partner framing from a plain origin and a wildcard one; the hash is of no key used here. */
  private static final String PARTNERS = "[{\"name\": \"acme\", \"keySha256\": \"" + NO_KEYS_SHA256 + "\","
      + " \"rateLimit\": {\"capacity\": 100, \"period\": \"1m\"},"
      + " \"frameAncestors\": [\"" + ACME_ORIGIN + "\", \"https://*.acme.example\"]}]";
  private static final java.net.http.HttpClient BEACONS = java.net.http.HttpClient.newHttpClient();
  private static final Pattern METHOD_LABEL = Pattern.compile("[{,]method=\"([^\"]*)\"");

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().metered()
      // 5,000 WARN lines of 501 would drown the build's output; the access log is not what is tested here
      .with("server.accessLog", "false");

  private String scrape() {
    HttpResponse<String> r = Http.get(gateway.managementBase() + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void fiveThousandInventedMethodsAre501AndDoNotGrowTheMetrics() throws Exception {
    HttpClient client = gateway.vertx().createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(4));
    // one invented method and one scrape first, so that the series they legitimately add exist (method="other",
    // code="501"; the scrape's own method="GET", code="200")
    assertThat(send(client, "WARMUP", "/oembed").await(10, TimeUnit.SECONDS)).isEqualTo("501 application/problem+json");
    scrape();
    long metersBefore = vertxMeters();
    int bytesBefore = scrape().length();

    List<Future<String>> answers = new ArrayList<>();
    String[] paths = {"/oembed", "/embed/t1", "/events", "/no/such/path", "/"};
    for (int i = 0; i < 5_000; i++) {
      answers.add(send(client, "X" + Integer.toString(i, 36).toUpperCase() + "-INVENTED", paths[i % paths.length]));
    }
    Future.all(answers).await(60, TimeUnit.SECONDS);
    for (Future<String> answer : answers) {
      assertThat(answer.result()).isEqualTo("501 application/problem+json");
    }

    String after = scrape();
    assertThat(after.length() - bytesBefore).as("growth of /metrics in bytes").isLessThan(4_096);
    assertThat(vertxMeters() - metersBefore).as("new Vert.x meters").isZero();
    Set<String> standard = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
        "other");
    Matcher m = METHOD_LABEL.matcher(after);
    int labels = 0;
    while (m.find()) {
      assertThat(m.group(1)).isIn(standard);
      labels++;
    }
    assertThat(labels).as("method labels in /metrics").isPositive();
    assertThat(after).contains("method=\"other\"");
    client.close().await(10, TimeUnit.SECONDS);
  }

  /** @return how many meters Vert.x's metrics hold (the JVM's come and go with garbage collections) */
  private long vertxMeters() {
    return gateway.meterRegistry().getMeters().stream().filter(m -> m.getId().getName().startsWith("vertx.")).count();
  }

  /** @return "status content-type" of the answer, once its body (a problem with that status) has been read */
  private Future<String> send(HttpClient client, String method, String path) {
    return client.request(new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("127.0.0.1")
            .setPort(gateway.port()).setURI(path))
        .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
          assertThat(body.toJsonObject().getInteger("status")).isEqualTo(resp.statusCode());
          return resp.statusCode() + " " + resp.getHeader("Content-Type");
        })));
  }

  @Test
  @Overlay("partners.list=" + PARTNERS)
  void junkOriginsCannotTakeAPartnersLabel() {
    // more junk origins than metrics.eventOrigins (200) has slots
    for (int i = 0; i < 205; i++) {
      assertThat(beacon("t1", "https://junk" + i + ".example").statusCode()).isEqualTo(204);
    }
    assertThat(beacon("t1", ACME_ORIGIN).statusCode()).isEqualTo(204);
    assertThat(beacon("t1", "https://blog.acme.example").statusCode()).isEqualTo(204);

    List<String> lines = scrape().lines().filter(l -> l.startsWith("playgate_player_events_total{")).toList();
    assertThat(lines).contains("playgate_player_events_total{event=\"play\",media=\"t1\",origin=\"" + ACME_ORIGIN
        + "\"} 1.0");
    long named = lines.stream().map(l -> l.replaceAll(".*origin=\"([^\"]*)\".*", "$1")).filter(o -> !o.equals("other"))
        .distinct().count();
    assertThat(named).as("named origins").isEqualTo(200);
    // the first-come slots are full: a wildcard subdomain of the partner has no slot of its own
    assertThat(lines).noneMatch(l -> l.contains("blog.acme.example"));
    assertThat(lines).contains("playgate_player_events_total{event=\"play\",media=\"t1\",origin=\"other\"} 7.0");
  }

  @Test
  @Overlay({"partners.anonymous.capacity=3", "partners.anonymous.period=1h", "partners.clientIdle=1h"})
  void eventsAreRateLimitedPerClientLikeTheOtherPublicRoutes() {
    for (int i = 0; i < 3; i++) {
      assertThat(beacon("t1", "https://blog.example").statusCode()).isEqualTo(204);
    }
    HttpResponse<String> over = beacon("t1", "https://blog.example");
    assertThat(over.statusCode()).isEqualTo(429);
    assertThat(over.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(over.headers().firstValue("Retry-After").map(Long::parseLong)).hasValueSatisfying(
        s -> assertThat(s).isBetween(1L, 1200L));
    JsonObject problem = Http.json(over);
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getString("detail")).contains("rate limit");
    // the rejected beacon was not counted; the page routes share the client's empty bucket
    assertThat(scrape()).contains("playgate_player_events_total{event=\"play\",media=\"t1\","
        + "origin=\"https://blog.example\"} 3.0");
    assertThat(Http.get(gateway.base() + "/embed/t1").statusCode()).isEqualTo(429);
  }

  private HttpResponse<String> beacon(String media, String origin) {
    String body = new JsonObject().put("v", 1).put("media", media).put("event", "play").put("origin", origin).encode();
    try {
      return BEACONS.send(HttpRequest.newBuilder(URI.create(gateway.base()
              + "/events")).timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain;charset=UTF-8")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
