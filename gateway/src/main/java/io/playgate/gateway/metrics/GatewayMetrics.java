package io.playgate.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.playgate.gateway.http.StandardMethods;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one meter registry (Prometheus flavour) and the Vert.x instance that reports into it. Create it
 * once per process, before the Vert.x instance. Thread-safe (Micrometer registries are).
 */
public final class GatewayMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final PrometheusMeterRegistry registry;
  /** Completed once the JVM's meters are registered; at once when {@link #createVertx()} is not used. */
  private volatile CompletableFuture<Void> jvmMeters = CompletableFuture.completedFuture(null);

  private GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** @return a new registry with Prometheus defaults (1-minute step) */
  public static GatewayMetrics create() {
    return new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * Builds a Vert.x instance whose HTTP server/client, pool and event-bus metrics land in this registry
   * ({@code vertx-micrometer-metrics}: {@link MicrometerMetricsFactory} with {@link #metricsOptions()}, its HTTP
   * server's per-request meters kept by {@link ServerRequestMeters} at a fraction of the cost), on Netty's
   * native epoll transport where it loads (Linux x86-64 with {@code netty-transport-native-epoll} on the class
   * path), else on the JDK's NIO; one INFO line ({@link #transport(Vertx)}) says which.
   *
   * @return the Vert.x instance; the caller closes it
   */
  public Vertx createVertx() {
    // vertx-micrometer keeps its registries in a static map by name: one name per GatewayMetrics, so two Vert.x
    // instances in one JVM (tests) never report into each other's registry
    MicrometerMetricsOptions options = metricsOptions().setRegistryName("playgate-" + INSTANCES.incrementAndGet());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options).setPreferNativeTransport(true))
        .withMetrics(new LeanServerMetricsFactory(registry))
        .build();
    jvmMeters = JvmMeters.bindInBackground(registry, (VertxInternal) vertx).bound();
    LOG.info(transport(vertx));
    return vertx;
  }

  /**
   * @param vertx a Vert.x instance
   * @return one line naming its network transport: {@code native epoll}, or {@code NIO} with why the native one
   *     did not load
   */
  static String transport(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      return "network transport: native epoll";
    }
    Throwable cause = vertx.unavailableNativeTransportCause();
    return "network transport: NIO (native epoll unavailable: "
        + (cause == null ? "not preferred" : String.valueOf(cause.getMessage())) + ")";
  }

  /**
   * The Vert.x metrics options, with every label a client can influence bounded. Vert.x creates a request's HTTP
   * server series in {@code requestBegin}, before any handler runs, so refusing a method in a handler (the 501 of
   * {@link io.playgate.gateway.http.UnknownMethodHandler}) cannot bound them. So the built-in {@code method} label is
   * off and a tags provider puts a bounded one in its place ({@link StandardMethods#label}: the RFC 9110 methods,
   * PATCH, or {@code other}): no client-chosen string reaches Micrometer at all, where a {@code MeterFilter} or a
   * {@link io.vertx.micrometer.Match} alias would rewrite it afterwards, once per meter per request. The other labels
   * are {@code local} (the bind address of the listener, public or management: configured, not sent) and Vert.x's
   * defaults: {@code code} (the status the gateway chose, 100..599), pool type and name, event-bus side. No path,
   * route or remote-address label, so neither a scanner's paths nor its addresses become label values.
   *
   * @return new options for {@link #createVertx()}
   */
  static MicrometerMetricsOptions metricsOptions() {
    EnumSet<Label> labels = EnumSet.copyOf(MicrometerMetricsOptions.DEFAULT_LABELS);
    labels.remove(Label.HTTP_METHOD);
    // the listener's own bind address (public or management, two values), so that each server has its own series
    labels.add(Label.LOCAL);
    Function<HttpRequest, Iterable<Tag>> method =
        request -> Tags.of(Label.HTTP_METHOD.toString(), StandardMethods.label(request.method()));
    // the JVM's meters are bound off the start-up path by JvmMeters
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false)
        .setLabels(labels)
        .setServerRequestTagsProvider(method)
        .setClientRequestTagsProvider(method);
  }

  /** @return the registry, for any capability that wants to register meters */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * @return a handler answering {@code GET /metrics} with the Prometheus text exposition format; until the JVM's
   *     meters are bound ({@link JvmMeters}, a fraction of a second after start) it answers once they are
   */
  public Handler<RoutingContext> scrapingHandler() {
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(registry);
    return rc -> {
      CompletableFuture<Void> jvm = jvmMeters;
      if (jvm.isDone()) {
        scrape.handle(rc);
      } else {
        Future.fromCompletionStage(jvm, rc.vertx().getOrCreateContext()).onComplete(x -> scrape.handle(rc));
      }
    };
  }
}
