package io.playgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lean per-request meters against Vert.x's own: the same series, the same counts, for the same events. */
class ServerRequestMetersTest {

  private static final AtomicLong NAMES = new AtomicLong();
  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
  private static final SocketAddress REMOTE = SocketAddress.inetSocketAddress(40000, "127.0.0.1");

  private record Request(HttpMethod method, String uri) implements HttpRequest {
    @Override
    public int id() {
      return 1;
    }

    @Override
    public String absoluteURI() {
      return "http://127.0.0.1:8080" + uri;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public SocketAddress remoteAddress() {
      return REMOTE;
    }
  }

  private record Response(int statusCode) implements HttpResponse {
    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }
  }

  /** Runs the same events through a listener's metrics from the factory and returns its HTTP server series. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<String> series(Function<PrometheusMeterRegistry, VertxMetricsFactory> factory) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    VertxOptions options = new VertxOptions().setMetricsOptions(
        GatewayMetrics.metricsOptions().setJvmMetricsEnabled(false).setRegistryName("lean-" + NAMES.incrementAndGet()));
    HttpServerMetrics m = factory.apply(registry).metrics(options)
        .createHttpServerMetrics(new HttpServerOptions(), LOCAL);
    Object socket = m.connected(REMOTE, "client");
    Object ok = m.requestBegin(socket, new Request(HttpMethod.GET, "/oembed?url=x"));
    m.requestEnd(ok, new Request(HttpMethod.GET, "/oembed?url=x"), 0);
    m.responseEnd(ok, new Response(200), 643);
    Object ok2 = m.requestBegin(socket, new Request(HttpMethod.GET, "/embed/a"));
    m.requestEnd(ok2, new Request(HttpMethod.GET, "/embed/a"), 0);
    m.responseEnd(ok2, new Response(200), 3000);
    // a method outside RFC 9110 is labelled "other"; its response may end before its body was read
    Object brew = m.requestBegin(socket, new Request(HttpMethod.valueOf("BREW"), "/"));
    m.responseEnd(brew, new Response(501), 120);
    m.requestEnd(brew, new Request(HttpMethod.valueOf("BREW"), "/"), 10);
    Object posted = m.requestBegin(socket, new Request(HttpMethod.POST, "/events"));
    m.requestReset(posted);
    Object open = m.requestBegin(socket, new Request(HttpMethod.HEAD, "/media/a"));
    m.bytesWritten(socket, REMOTE, 4000);
    return registry.scrape().lines()
        .filter(line -> line.startsWith("vertx_http_server"))
        // durations differ from run to run: keep the series, not their values
        .map(line -> line.matches("vertx_http_server_response_time_seconds_(sum|max).*")
            ? line.substring(0, line.lastIndexOf(' ')) : line)
        .sorted().collect(Collectors.toList());
  }

  @Test
  void theSameSeriesAndCountsAsVertxOwnMeters() {
    List<String> vertx = series(MicrometerMetricsFactory::new);
    List<String> lean = series(LeanServerMetricsFactory::new);
    assertThat(vertx).anyMatch(l -> l.startsWith("vertx_http_server_requests_total{code=\"200\",local=\"127.0.0.1:8080\""
        + ",method=\"GET\"} 2"));
    assertThat(vertx).anyMatch(l -> l.contains("method=\"other\""));
    assertThat(lean).containsExactlyElementsOf(vertx);
  }

  @Test
  void aListenerLooksEachMeterUpOnce() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ServerRequestMeters m = new ServerRequestMeters(new HttpServerMetrics<>() { }, registry,
        GatewayMetrics.metricsOptions().getMetricsNaming().withBaseName("vertx.http.server."), LOCAL);
    for (int i = 0; i < 1000; i++) {
      ServerRequestMeters.Request r = m.requestBegin(new Object(), new Request(HttpMethod.GET, "/x" + i));
      m.requestEnd(r, new Request(HttpMethod.GET, "/x" + i), 0);
      m.responseEnd(r, new Response(i % 2 == 0 ? 200 : 404), 10);
    }
    // per method: active, request bytes (no reset happened); per method and code: requests, time, response bytes
    assertThat(registry.getMeters()).hasSize(2 + 2 * 3);
    assertThat(registry.get("vertx.http.server.requests").tag("code", "404").counter().count()).isEqualTo(500);
    assertThat(registry.get("vertx.http.server.active.requests").gauge().value()).isZero();
  }
}
