package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * {@code vertx-micrometer-metrics} ({@link MicrometerMetricsFactory}) with its per-request HTTP server meters replaced
 * by {@link ServerRequestMeters}: the same series, each meter looked up once per listener instead of on every request.
 * Everything else (HTTP client, pools, event bus, JVM, connection counts) is Vert.x's own. Through the public metrics
 * SPI ({@code io.vertx.core.spi.metrics}) only.
 */
final class LeanServerMetricsFactory implements VertxMetricsFactory {

  private final MicrometerMetricsFactory micrometer;
  private final MeterRegistry registry;

  /** @param registry where every meter lands */
  LeanServerMetricsFactory(MeterRegistry registry) {
    this.micrometer = new MicrometerMetricsFactory(registry);
    this.registry = registry;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    MetricsOptions metricsOptions = options.getMetricsOptions();
    MicrometerMetricsOptions micrometerOptions = metricsOptions instanceof MicrometerMetricsOptions m ? m
        : new MicrometerMetricsOptions(metricsOptions.toJson());
    return new Lean(micrometer.metrics(options), registry, micrometerOptions);
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  /** Vert.x's metrics, but for the HTTP server's per-request meters. */
  private static final class Lean implements VertxMetrics {
    private final VertxMetrics vertx;
    private final MeterRegistry registry;
    private final MicrometerMetricsOptions options;

    Lean(VertxMetrics vertx, MeterRegistry registry, MicrometerMetricsOptions options) {
      this.vertx = vertx;
      this.registry = registry;
      this.options = options;
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions server, SocketAddress localAddress) {
      HttpServerMetrics<?, ?, ?> own = vertx.createHttpServerMetrics(server, localAddress);
      return own == null ? null : new ServerRequestMeters(own, registry,
          options.getMetricsNaming().withBaseName(MetricsDomain.HTTP_SERVER.getPrefix()), localAddress);
    }

    @Override
    public EventBusMetrics createEventBusMetrics() {
      return vertx.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remoteAddress, String type, String namespace) {
      return vertx.createClientMetrics(remoteAddress, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions client) {
      return vertx.createHttpClientMetrics(client);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions server, SocketAddress localAddress) {
      return vertx.createNetServerMetrics(server, localAddress);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions client) {
      return vertx.createNetClientMetrics(client);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions socket) {
      return vertx.createDatagramSocketMetrics(socket);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
      return vertx.createPoolMetrics(poolType, poolName, maxPoolSize);
    }

    @Override
    public void vertxCreated(io.vertx.core.Vertx created) {
      vertx.vertxCreated(created);
    }

    @Override
    public boolean isMetricsEnabled() {
      return vertx.isMetricsEnabled();
    }

    @Override
    public void close() {
      vertx.close();
    }
  }
}
