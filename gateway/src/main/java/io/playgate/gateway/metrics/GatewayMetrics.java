package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The gateway's one meter registry (Prometheus flavour) and the Vert.x instance that reports into it. Create it
 * once per process, before the Vert.x instance. Thread-safe (Micrometer registries are).
 */
public final class GatewayMetrics {

  private final PrometheusMeterRegistry registry;

  private GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** @return a new registry with Prometheus defaults (1-minute step) */
  public static GatewayMetrics create() {
    return new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Builds a Vert.x instance whose HTTP server/client, pool and event-bus metrics land in this registry
   * ({@code vertx-micrometer-metrics}: {@link MicrometerMetricsFactory} with {@link MicrometerMetricsOptions}; route
   * labels only, never the raw path, so a scanner cannot grow the label set).
   *
   * @return the Vert.x instance; the caller closes it
   */
  public Vertx createVertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  /** @return the registry, for any capability that wants to register meters */
  public MeterRegistry registry() {
    return registry;
  }

  /** @return a handler answering {@code GET /metrics} with the Prometheus text exposition format */
  public Handler<RoutingContext> scrapingHandler() {
    return PrometheusScrapingHandler.create(registry);
  }
}
