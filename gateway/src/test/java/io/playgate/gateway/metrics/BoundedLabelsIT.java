package io.playgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every label a client can influence stays bounded on a real gateway built as {@code Main} builds it (one registry,
 * a Vert.x instance reporting into it): invented HTTP methods.
 */
class BoundedLabelsIT {

  private static final Pattern METHOD_LABEL = Pattern.compile("[{,]method=\"([^\"]*)\"");

  private Vertx vertx;
  private Playgate gateway;

  private void start(Map<String, String> overrides) {
    GatewayMetrics metrics = GatewayMetrics.create();
    vertx = metrics.createVertx();
    Map<String, String> all = new HashMap<>(overrides);
    // 5,000 WARN lines of 501 would drown the build's output; the access log is not what is tested here
    all.put("server.accessLog", "false");
    try {
      gateway = Playgate.start(vertx, TestGateway.config(all), Ticker.systemTicker(), metrics)
          .await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.stop().await(10, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private String scrape() {
    HttpResponse<String> r = Http.get(TestGateway.managementBase(gateway) + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void fiveThousandInventedMethodsAre501AndDoNotGrowTheMetrics() throws Exception {
    start(Map.of());
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
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
}
