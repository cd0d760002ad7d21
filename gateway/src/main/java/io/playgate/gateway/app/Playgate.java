package io.playgate.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.http.OpenApiDocument;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.hub.MediaItemParser;
import io.playgate.gateway.management.ManagementServer;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.options.ConfigException;
import io.playgate.hub.local.LocalHub;
import io.playgate.units.Durations;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway. {@link #start(Vertx, GatewayConfig)} binds the server first (so a port of 0 is known), then
 * builds everything that needs the public base URL ({@link Wiring}: the embedded hub at
 * {@code http://<loopback>:<port>/hub}, the hub client, the media cache, the capabilities' shared pieces) and the
 * router ({@link GatewayRouter}); then starts further server instances, one per event loop, sharing them, and last
 * the management listener ({@link #managementPort()}). One meter registry ({@link #meterRegistry()}) serves the whole
 * process: Vert.x metrics (when the Vert.x instance was built by {@link GatewayMetrics#createVertx()}), player events,
 * and any meter another capability registers.
 */
public final class Playgate {

  /** Vert.x's system property: a shared read-only response head is encoded once ({@link #cacheImmutableHeads}). */
  static final String CACHE_IMMUTABLE_HEADS = "vertx.cacheImmutableHttpResponseHeaders";

  private static final Logger LOG = LoggerFactory.getLogger(Playgate.class);

  private final Vertx vertx;
  private final int port;
  private final int managementPort;
  private final Wiring wiring;
  /** The public server instances, then the management listener: undeployed in this order. */
  private final List<String> deployments;
  private final List<ServerVerticle> servers;

  private Playgate(Vertx vertx, int port, int managementPort, Wiring wiring, List<String> deployments,
      List<ServerVerticle> servers) {
    this.vertx = vertx;
    this.port = port;
    this.managementPort = managementPort;
    this.wiring = wiring;
    this.deployments = deployments;
    this.servers = servers;
  }

  /**
   * Starts the gateway.
   *
   * @param vertx the Vert.x instance
   * @param config the validated configuration
   * @return a future completed (on an event loop) when the server listens and the router is in place, or failed
   *     when the port cannot be bound or the catalogue cannot be read
   */
  public static Future<Playgate> start(Vertx vertx, GatewayConfig config) {
    return start(vertx, config, Ticker.systemTicker());
  }

  /**
   * Starts the gateway with a given cache clock (tests move a fake {@link Ticker}).
   *
   * @param vertx the Vert.x instance
   * @param config the validated configuration
   * @param ticker the media cache's clock
   * @return as {@link #start(Vertx, GatewayConfig)}
   */
  public static Future<Playgate> start(Vertx vertx, GatewayConfig config, Ticker ticker) {
    return start(vertx, config, ticker, GatewayMetrics.create());
  }

  /**
   * Starts the gateway with a given cache clock and meter registry: bind, load the embedded hub (the class-path
   * documents read beside it), wire the shared pieces, route the first server, start the others, then the management
   * listener.
   *
   * @param vertx the Vert.x instance (built by {@code metrics.createVertx()} to include Vert.x's own metrics)
   * @param config the validated configuration
   * @param ticker the media cache's clock
   * @param metrics the process's meter registry, created once at boot
   * @return as {@link #start(Vertx, GatewayConfig)}
   */
  public static Future<Playgate> start(Vertx vertx, GatewayConfig config, Ticker ticker, GatewayMetrics metrics) {
    cacheImmutableHeads();
    List<String> deployments = new ArrayList<>();
    List<ServerVerticle> servers = new ArrayList<>();
    ServerVerticle first = new ServerVerticle(config.server(), config.limits(), config.server().port());
    servers.add(first);
    return vertx.deployVerticle(first).compose(firstId -> {
      deployments.add(firstId);
      int port = first.actualPort();
      // unordered: the class-path reads run on a worker beside the catalogue's load, not after it
      Future<Wiring.Reads> reads =
          vertx.executeBlocking(() -> Wiring.Reads.read(config.server().publicBaseUrl(port)), false);
      Future<@Nullable LocalHub> hub = embeddedHub(vertx, config, port);
      return Future.all(hub, reads)
          .map(x -> new Wiring(vertx, config, port, hub.result(), reads.result(), ticker, metrics))
          .compose(wiring -> {
            first.route(GatewayRouter.build(vertx, wiring));
            return moreInstances(vertx, wiring, port, deployments, servers)
                .compose(x -> management(vertx, wiring, deployments))
                .map(managementPort -> new Playgate(vertx, port, managementPort, wiring, deployments, servers));
          });
    }).onSuccess(Playgate::logListening);
  }

  /**
   * Turns on Vert.x's {@value #CACHE_IMMUTABLE_HEADS} unless it is set already ({@code -D…=false} switches it
   * off): a response whose head is a shared read-only header map, as every prepared answer's is
   * ({@link io.playgate.gateway.http.PreparedResponses}), is written from that map's bytes, encoded once, instead of
   * header by header. Read by Vert.x for each new connection; a head changed after it was shared is copied first
   * and encoded as usual, so the cache never sends stale bytes.
   */
  static void cacheImmutableHeads() {
    if (System.getProperty(CACHE_IMMUTABLE_HEADS) == null) {
      System.setProperty(CACHE_IMMUTABLE_HEADS, "true");
    }
  }

  /** In embedded mode, the local hub from {@code hub.catalog}, serving files under the public base URL. */
  private static Future<@Nullable LocalHub> embeddedHub(Vertx vertx, GatewayConfig config, int port) {
    if (config.hub().mode() != HubOptions.Mode.EMBEDDED) {
      return Future.succeededFuture(null);
    }
    String publicBase = config.server().publicBaseUrl(port);
    return LocalHub.load(vertx, config.hub().catalog(), publicBase + "/hub", publicBase, config.hub().localMaxAge(),
            MediaItemParser::requireValid)
        .recover(e -> Future.failedFuture(new ConfigException("hub.catalog", e.getMessage())));
  }

  /** Server instances 2..n on the first one's port, each with its own router over the shared pieces. */
  private static Future<Void> moreInstances(Vertx vertx, Wiring wiring, int port, List<String> deployments,
      List<ServerVerticle> servers) {
    Future<Void> more = Future.succeededFuture();
    for (int i = 1; i < wiring.config.server().instanceCount(); i++) {
      more = more.compose(x -> {
        ServerVerticle next = new ServerVerticle(wiring.config.server(), wiring.config.limits(), port);
        next.route(GatewayRouter.build(vertx, wiring));
        servers.add(next);
        return vertx.deployVerticle(next).map(deployments::add).mapEmpty();
      });
    }
    return more;
  }

  /** {@code GET /metrics} and the health checks on the management listener, never on the public router. */
  private static Future<Integer> management(Vertx vertx, Wiring wiring, List<String> deployments) {
    ManagementServer management = ManagementServer.create(wiring.config.management().host(),
        wiring.config.management().port(), wiring.metrics.scrapingHandler(), Health.live(vertx),
        wiring.health.ready(vertx));
    return vertx.deployVerticle(management).map(id -> {
      deployments.add(id);
      return management.actualPort();
    });
  }

  private void logListening() {
    GatewayConfig config = wiring.config;
    LOG.info("playgate listening on {}:{} publicBaseUrl={} hub={} ({}); management (/metrics) on {}:{}",
        config.server().host(), port, wiring.publicBaseUrl, wiring.hubBaseUrl,
        config.hub().mode().name().toLowerCase(Locale.ROOT), config.management().host(), managementPort);
  }

  /**
   * The gateway's OpenAPI description: the shared part plus the paths of each capability the router mounts, read
   * from beside its code ({@link OpenApiDocument}). Blocking class-path reads: once, at boot.
   *
   * @param publicBaseUrl the public base URL, without trailing slash
   * @return the document
   * @throws IllegalStateException when a part is missing or malformed
   */
  public static OpenApiDocument apiDescription(String publicBaseUrl) {
    return OpenApiDocument.assemble(publicBaseUrl, GatewayRouter.API_PARTS);
  }

  /** @return the port the server listens on */
  public int port() {
    return port;
  }

  /**
   * @return the port of the management listener ({@code management.port}, or the one picked for 0), where
   *     {@code GET /metrics} answers
   */
  public int managementPort() {
    return managementPort;
  }

  /** @return the public base URL in use, without trailing slash */
  public String publicBaseUrl() {
    return wiring.publicBaseUrl;
  }

  /** @return the embedded hub, or {@code null} in remote mode */
  public @Nullable LocalHub localHub() {
    return wiring.localHub;
  }

  /**
   * @return the process's meter registry (Prometheus, served at {@code GET /metrics} on the management listener):
   *     capabilities register their meters here (partner rate limits, cache statistics); names follow Micrometer's
   *     dotted convention
   */
  public MeterRegistry meterRegistry() {
    return wiring.metrics.registry();
  }

  /**
   * @return this node's id in the cluster ({@code cache.redis.url} set), the holder named by the Redis leases it
   *     takes; {@code null} when the node runs alone
   */
  public @Nullable String clusterNodeId() {
    return wiring.redis == null ? null : wiring.redis.nodeId();
  }

  /** @return the media cache */
  public MediaCache cache() {
    return wiring.cache;
  }

  /**
   * Drains the node (docs/operators.md "Stopping and restarting a node"): readiness answers 503 at once; for
   * {@code shutdown.grace} the listener still accepts connections, every answer carrying {@code Connection: close};
   * then it closes, idle connections close, and requests in flight get until {@code shutdown.deadline} (from the
   * call) before their connections are closed; then the servers are undeployed, the management listener last, and
   * the hub client and the Redis link closed. Logs one INFO line with the {@link Drain.Report}. A second call starts
   * nothing new.
   *
   * @return a future completed (on an event loop) with what was drained once everything is closed; it fails only
   *     when undeploying fails
   */
  Future<Drain.Report> drain() {
    Drain drain = wiring.drain;
    drain.begin();
    Promise<Void> grace = Promise.promise();
    vertx.setTimer(Math.max(1, wiring.config.shutdown().grace().toMillis()), t -> grace.complete());
    return grace.future()
        .compose(x -> Future.join(servers.stream().map(s -> s.shutdown(Duration.ofMillis(drain.millisToDeadline())))
            .toList()))
        .transform(x -> Future.join(servers.stream().map(ServerVerticle::settle).toList()))
        .map(x -> drain.report())
        .onSuccess(r -> LOG.info("playgate drained: {} requests finished, {} cut, in {} ms (shutdown.grace {}, "
            + "shutdown.deadline {})", r.finished(), r.cut(), r.elapsedMillis(),
            Durations.format(wiring.config.shutdown().grace()), Durations.format(wiring.config.shutdown().deadline())))
        .compose(r -> stop().map(r));
  }

  /**
   * Stops the servers, the hub client, the shared stream's reader, the heartbeat and the Redis link.
   *
   * @return a future completed when everything is closed
   */
  public Future<Void> stop() {
    Future<Void> f = Future.succeededFuture();
    for (String id : deployments) {
      f = f.compose(x -> vertx.undeploy(id));
    }
    f = f.compose(x -> wiring.hubClient.close());
    if (wiring.sharedInvalidations != null) {
      f = f.compose(x -> wiring.sharedInvalidations.close());
    }
    if (wiring.sharedBuckets != null) {
      f = f.compose(x -> wiring.sharedBuckets.close());
    }
    return wiring.redis == null ? f : f.compose(x -> {
      wiring.sharedLevel.close();
      return wiring.redis.close();
    });
  }
}
