package io.playgate.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.embed.EmbedHandler;
import io.playgate.gateway.embed.HostSdkHandler;
import io.playgate.gateway.embed.WidgetAssetHandler;
import io.playgate.gateway.http.InvalidRequestHandler;
import io.playgate.gateway.http.RequestFraming;
import io.playgate.gateway.http.RequestHeaderTimeout;
import io.playgate.gateway.http.Routes;
import io.playgate.gateway.hub.CircuitBreakerHubClient;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.MediaItemParser;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.hub.WebHubClient;
import io.playgate.gateway.management.ManagementServer;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.metrics.PlayerEventCounter;
import io.playgate.gateway.metrics.PlayerEventsHandler;
import io.playgate.gateway.oembed.OEmbedHandler;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.partner.RateLimit;
import io.playgate.gateway.partner.RateLimitHandler;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.partner.SignHandler;
import io.playgate.gateway.takedown.HubWebhookHandler;
import io.playgate.gateway.preview.CatalogIndexHandler;
import io.playgate.gateway.preview.SharePageHandler;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.hub.local.Catalog;
import io.playgate.hub.local.LocalHub;
import io.playgate.units.Durations;
import io.playgate.widgets.Templates;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway. {@link #start(Vertx, GatewayConfig)} binds the server first (so a port of 0 is known), then
 * builds everything that needs the public base URL: the embedded hub (at {@code http://<loopback>:<port>/hub}),
 * the hub client, the media cache, the handlers and the router; then starts further server instances, one per
 * event loop, sharing the cache and hub client, and last the management listener ({@link #managementPort()}). One
 * meter registry ({@link #meterRegistry()}) serves the whole process: Vert.x metrics (when the Vert.x instance was
 * built by {@link GatewayMetrics#createVertx()}), player events, and any meter another capability registers.
 */
public final class Playgate {

  private static final Logger LOG = LoggerFactory.getLogger(Playgate.class);

  private final Vertx vertx;
  private final int port;
  private final int managementPort;
  private final String publicBaseUrl;
  private final LocalHub localHub;
  private final MediaCache cache;
  private final HubClient hubClient;
  private final List<String> deployments;
  private final GatewayMetrics metrics;

  private Playgate(Vertx vertx, int port, int managementPort, String publicBaseUrl, LocalHub localHub,
      MediaCache cache, HubClient hubClient, List<String> deployments, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.port = port;
    this.managementPort = managementPort;
    this.publicBaseUrl = publicBaseUrl;
    this.localHub = localHub;
    this.cache = cache;
    this.hubClient = hubClient;
    this.deployments = deployments;
    this.metrics = metrics;
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
   * Starts the gateway with a given cache clock and meter registry.
   *
   * @param vertx the Vert.x instance (built by {@code metrics.createVertx()} to include Vert.x's own metrics)
   * @param config the validated configuration
   * @param ticker the media cache's clock
   * @param metrics the process's meter registry, created once at boot
   * @return as {@link #start(Vertx, GatewayConfig)}
   */
  public static Future<Playgate> start(Vertx vertx, GatewayConfig config, Ticker ticker, GatewayMetrics metrics) {
    List<String> deployments = new ArrayList<>();
    ServerVerticle first = new ServerVerticle(config, config.server().port());
    return vertx.deployVerticle(first).compose(depId -> {
      deployments.add(depId);
      int port = first.actualPort();
      String publicBase = config.server().publicBaseUrl(port);
      String host = config.server().host();
      String hubBase = config.hub().mode() == HubOptions.Mode.EMBEDDED
          ? config.server().selfOrigin(port) + "/hub"
          : config.hub().client().baseUrl().get();
      Future<LocalHub> hubFuture = config.hub().mode() == HubOptions.Mode.EMBEDDED
          ? LocalHub.load(vertx, config.hub().catalog(), publicBase + "/hub", publicBase, config.hub().localMaxAge(),
                MediaItemParser::requireValid)
              .recover(e -> Future.failedFuture(new ConfigException("hub.catalog", e.getMessage())))
          : Future.succeededFuture(null);
      return hubFuture.compose(localHub -> {
        // the hub credential (issue 5): the embedded hub shares a random per-process one unless hub.apiKey is set
        String hubKey = config.hub().client().apiKey() != null ? config.hub().client().apiKey()
            : localHub != null ? randomKey() : null;
        if (localHub != null) {
          localHub.apiKey(hubKey);
        }
        HubClient client = CircuitBreakerHubClient.create(vertx,
            WebHubClient.create(vertx, config.hub().client().withBaseUrl(() -> hubBase).withApiKey(hubKey)),
            config.hub().breaker());
        MediaCache cache = MediaCache.create(client, config.cache(), ticker);
        WidgetAssets assets = WidgetAssets.load();
        PlayerViews views = new PlayerViews(publicBase, assets.urls(), cache::isTakenDown);
        Templates templates = new Templates();
        var schemes = config.oembed().schemes(publicBase);
        ReadinessCheck readiness = new ReadinessCheck(localHub, client);
        MeterRegistry meters = metrics.registry();
        Partners partners = Partners.of(config.partners().list());
        // partners' origins always keep their own label; the rest of metrics.eventOrigins goes first-come
        PlayerEventCounter eventCounter = new PlayerEventCounter(meters, config.metrics().eventOrigins(),
            config.metrics().eventMediaIds(), partners.framingOrigins());
        // a beacon is counted only for media the gateway already knows: cached (its visibility decides whether its
        // id may be a label), or listed by the embedded hub; checking costs no hub call
        Function<String, Visibility> knownMedia = id -> {
          MediaItem cached = cache.peek(id);
          Catalog.Entry listed = cached != null || localHub == null ? null : localHub.catalog().get(id);
          return cached != null ? cached.visibility()
              : listed != null && !listed.isPrivate() && !listed.removed() ? Visibility.PUBLIC : null;
        };
        Rights rights = Rights.create(config.rights());
        MediaPipeline pages = MediaPipeline.create(cache, rights, views, templates);
        EmbedSigner signer = EmbedSigner.create(config.partners().signingSecret(), partners, java.time.Clock.systemUTC());
        // one limiter for all server instances: buckets are shared, meters registered once
        RateLimitHandler rateLimit = RateLimitHandler.create(partners, config.partners(), meters);
        SignHandler sign = SignHandler.create(signer, publicBase, config.partners().maxSignedTtl());
        RateLimit anonymous = config.partners().anonymous();
        LOG.info("partners: {} configured {}, anonymous limit {}, client address from {}, signed URLs {}",
            partners.all().size(), partners.all().stream().map(p -> p.name() + "=" + p.rateLimit().capacity() + "/"
                + Durations.format(p.rateLimit().period())).toList(),
            anonymous.capacity() == 0 ? "off" : anonymous.capacity() + " per " + Durations.format(anonymous.period()),
            config.partners().clientIpHeader() == null ? "the TCP peer"
                : "header " + config.partners().clientIpHeader(), signer.enabled() ? "enabled" : "disabled");
        Function<Vertx, Router> routerFactory = v -> Routes.build(v, new Routes.Handlers(
            localHub == null ? null : localHub.router(v),
            OEmbedHandler.create(schemes, pages, config.oembed().providerName()),
            EmbedHandler.create(pages, signer, partners),
            SharePageHandler.create(pages, config.oembed().providerName()),
            WidgetAssetHandler.create(assets),
            HealthCheckHandler.create(v).register("server", p -> p.complete(Status.OK())),
            HealthCheckHandler.create(v).register("hub", 10_000, readiness::check),
            CatalogIndexHandler.create(() -> localHub == null ? List.of() : localHub.catalog().listedIds(), cache, views,
                templates, config.oembed().providerName()),
            HostSdkHandler.create(assets),
            PlayerEventsHandler.create(knownMedia, eventCounter),
            PlayerEventsHandler.MAX_BODY_BYTES,
            config.server().accessLog(), rateLimit, sign,
            OEmbedHandler.preflight(),
            config.embed().frameAncestors(),
            config.limits().maxBodyBytes(),
            config.webhook().secret() == null ? null : HubWebhookHandler.create(cache, config.webhook().secret()),
            config.webhook().maxBodyBytes(),
            config.limits().requestBodyTimeout()));
        first.route(routerFactory.apply(vertx));
        int instances = config.server().instances() == 0 ? Runtime.getRuntime().availableProcessors()
            : config.server().instances();
        if (config.server().port() == 0 && instances > 1) {
          // a random port cannot be shared reliably: tests run one instance
          instances = 1;
        }
        Future<Void> more = Future.succeededFuture();
        for (int i = 1; i < instances; i++) {
          more = more.compose(x -> {
            ServerVerticle next = new ServerVerticle(config, port);
            next.route(routerFactory.apply(vertx));
            return vertx.deployVerticle(next).map(deployments::add).mapEmpty();
          });
        }
        // GET /metrics and the health checks on the management listener, never on the public router
        ManagementServer management = ManagementServer.create(config.management().host(),
            config.management().port(), metrics.scrapingHandler(),
            HealthCheckHandler.create(vertx).register("server", p -> p.complete(Status.OK())),
            HealthCheckHandler.create(vertx).register("hub", 10_000, readiness::check));
        return more.compose(x -> vertx.deployVerticle(management)).map(managementId -> {
          deployments.add(managementId);
          LOG.info("playgate listening on {}:{} publicBaseUrl={} hub={} ({}); management (/metrics) on {}:{}", host,
              port, publicBase, hubBase, config.hub().mode().name().toLowerCase(), config.management().host(),
              management.actualPort());
          return new Playgate(vertx, port, management.actualPort(), publicBase, localHub, cache, client, deployments,
              metrics);
        });
      });
    });
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
    return publicBaseUrl;
  }

  /** @return the embedded hub, or {@code null} in remote mode */
  public LocalHub localHub() {
    return localHub;
  }

  /**
   * @return the process's meter registry (Prometheus, served at {@code GET /metrics} on the management listener):
   *     capabilities register their meters here (partner rate limits, cache statistics); names follow Micrometer's
   *     dotted convention
   */
  public MeterRegistry meterRegistry() {
    return metrics.registry();
  }

  private static String randomKey() {
    byte[] b = new byte[32];
    new java.security.SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  /** @return the media cache */
  public MediaCache cache() {
    return cache;
  }

  /**
   * Stops the servers and the hub client.
   *
   * @return a future completed when everything is closed
   */
  public Future<Void> stop() {
    Future<Void> f = Future.succeededFuture();
    for (String id : deployments) {
      f = f.compose(x -> vertx.undeploy(id));
    }
    return f.compose(x -> hubClient.close());
  }

  /**
   * One HTTP server on its own event loop. The first instance binds before its router exists (the router needs
   * the bound port); requests arriving in that instant get 503.
   */
  static final class ServerVerticle extends VerticleBase {
    private final GatewayConfig config;
    private final int port;
    private final AtomicReference<Router> router = new AtomicReference<>();
    private HttpServer server;

    ServerVerticle(GatewayConfig config, int port) {
      this.config = config;
      this.port = port;
    }

    void route(Router r) {
      router.set(r);
    }

    int actualPort() {
      return server.actualPort();
    }

    @Override
    public Future<?> start() {
      HttpServerOptions options = new HttpServerOptions()
          .setHost(config.server().host())
          .setPort(port)
          // no gzip: bodies are small, and compressing needs Vary and must spare media and ranges (later)
          .setCompressionSupported(false)
          // HTTP/1.1 only for now: a failed h2c upgrade left the connection open until the idle timeout
          .setHttp2ClearTextEnabled(false)
          .setTcpNoDelay(true)
          // limits (issue 5 item 8): 414, 431 from the decoder via InvalidRequestHandler; 413 from BodyHandler
          .setMaxInitialLineLength(config.limits().maxRequestLineBytes())
          .setMaxHeaderSize(config.limits().maxHeaderBytes())
          .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
          .setIdleTimeout((int) config.limits().idleTimeout().toMillis());
      RequestHeaderTimeout headerTimeout = RequestHeaderTimeout.create(vertx, config.limits().requestHeaderTimeout());
      // request smuggling: ambiguous framing or two Hosts → 400 and close, before the router (RFC 9112 §6.1, §3.2)
      RequestFraming framing = RequestFraming.create(options);
      Handler<HttpServerRequest> handler = req -> {
        Router r = router.get();
        if (r == null) {
          req.response().setStatusCode(503).putHeader("Retry-After", "1").end();
        } else {
          r.handle(req);
        }
      };
      Handler<HttpConnection> watchTime = headerTimeout.connectionHandler();
      Handler<HttpConnection> strictDecoder = framing.connectionHandler();
      server = vertx.createHttpServer(options).requestHandler(headerTimeout.wrap(framing.wrap(handler)))
          .connectionHandler(conn -> {
            strictDecoder.handle(conn);
            watchTime.handle(conn);
          })
          .invalidRequestHandler(framing.wrapInvalid(InvalidRequestHandler.create()));
      return server.listen();
    }

    @Override
    public Future<?> stop() {
      return server == null ? Future.succeededFuture() : server.close();
    }
  }

  /**
   * Readiness as seen by a load balancer: this node can take traffic once it has booted. The hub's state is reported
   * in the check's data ({@code {"hub": "up"}} or {@code {"hub": "TIMEOUT"}}, a {@link HubFailure} name) but never
   * makes the node unready: every node shares the one hub, and a node whose hub is down still serves its cached
   * entries (stale-if-error, RFC 5861 §4). Taking all nodes out of rotation during a hub outage would turn a
   * degraded service into no service. An embedded hub is up once loaded; a remote hub is probed with one
   * MediaItem request (through the circuit breaker, so an open breaker answers at once).
   */
  private static final class ReadinessCheck {
    private static final String PROBE_ID = "playgate-readiness-probe";
    private final LocalHub localHub;
    private final HubClient client;

    ReadinessCheck(LocalHub localHub, HubClient client) {
      this.localHub = localHub;
      this.client = client;
    }

    void check(io.vertx.core.Promise<Status> promise) {
      if (localHub != null) {
        promise.complete(Status.OK(new io.vertx.core.json.JsonObject().put("hub", "up")));
        return;
      }
      client.fetch(PROBE_ID, null).onComplete(ar -> {
        // any HTTP answer, including 404 for the probe id, means the hub is up
        boolean up = ar.succeeded() || ar.cause() instanceof HubException he && (he.failure() == HubFailure.NOT_FOUND
            || he.failure() == HubFailure.REMOVED || he.failure() == HubFailure.PRIVATE);
        String hub = up ? "up" : ar.cause() instanceof HubException he ? he.failure().name() : "error";
        promise.complete(Status.OK(new io.vertx.core.json.JsonObject().put("hub", hub)));
      });
    }
  }
}
