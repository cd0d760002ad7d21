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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's one meter registry (Prometheus flavour) and the Vert.x instance that reports into it. Create it
 * once per process, before the Vert.x instance. Thread-safe (Micrometer registries are).
 */
public final class GatewayMetrics {

  private static final AtomicLong INSTANCES = new AtomicLong();

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
    // vertx-micrometer keeps its registries in a static map by name: one name per GatewayMetrics, so two Vert.x
    // instances in one JVM (tests) never report into each other's registry
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setRegistryName("playgate-" + INSTANCES.incrementAndGet());
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
