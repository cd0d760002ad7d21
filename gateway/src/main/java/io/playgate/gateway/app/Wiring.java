package io.playgate.gateway.app;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.artwork.ArtworkService;
import io.playgate.gateway.cache.InvalidationBus;
import io.playgate.gateway.cache.MediaCache;
import io.playgate.gateway.cache.SharedLevel;
import io.playgate.gateway.cluster.RedisBuckets;
import io.playgate.gateway.cluster.RedisInvalidations;
import io.playgate.gateway.cluster.RedisLink;
import io.playgate.gateway.cluster.RedisSharedLevel;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.http.OpenApiDocument;
import io.playgate.gateway.hub.CircuitBreakerHubClient;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.hub.MediaItem;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.hub.WebHubClient;
import io.playgate.gateway.hub.subsonic.ProxyUrls;
import io.playgate.gateway.hub.subsonic.SubsonicApi;
import io.playgate.gateway.hub.subsonic.SubsonicHubClient;
import io.playgate.gateway.metrics.GatewayMetrics;
import io.playgate.gateway.metrics.PlayerEventCounter;
import io.playgate.gateway.page.MediaPipeline;
import io.playgate.gateway.partner.PartnerPolicy;
import io.playgate.gateway.partner.Rights;
import io.playgate.gateway.view.PlayerViews;
import io.playgate.hub.local.LocalHub;
import io.playgate.widgets.Templates;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the boot builds once per process and every server instance's router shares: the hub client, the media cache,
 * the media pipeline, the partner policy (buckets and meters), the player assets, the player-event counter (its
 * label bounds), the health checks, the graceful shutdown's state ({@link Drain}) and the OpenAPI description. Built
 * once the first server is bound: the public base URL and the embedded hub's address need the port.
 */
final class Wiring {

  final GatewayConfig config;
  /** The gateway's public base URL, without trailing slash. */
  final String publicBaseUrl;
  /** The base URL the hub client calls. */
  final String hubBaseUrl;
  /** The embedded hub, or {@code null} in remote mode. */
  final @Nullable LocalHub localHub;
  final HubClient hubClient;
  /** The Subsonic server, its adapter and the media proxy's URLs in subsonic mode, else {@code null}. */
  final @Nullable Subsonic subsonic;
  final MediaCache cache;
  final Rights rights;
  final MediaPipeline pages;
  final PartnerPolicy partners;
  final WidgetAssets assets;
  final GatewayMetrics metrics;
  final PlayerEventCounter events;
  final Health health;
  /** The graceful shutdown's state: draining or not, requests in flight. */
  final Drain drain;
  /** The OpenAPI description served at {@code /openapi.json}, assembled once. */
  final OpenApiDocument api;
  /** Scaled artwork and social cards: their downloads and worker pool. */
  final ArtworkService artwork;
  /** The Redis the cluster's nodes share ({@code cache.redis.url}), or {@code null} when the node runs alone. */
  final @Nullable RedisLink redis;
  /** Takedowns and updates shared with the other nodes over Redis, or {@code null} when the node runs alone. */
  final @Nullable RedisInvalidations sharedInvalidations;
  /** The partners' cluster-wide token buckets, or {@code null} when the node runs alone. */
  final @Nullable RedisBuckets sharedBuckets;
  /** The media cache's second level: on {@link #redis} when configured, else {@link SharedLevel#NONE}. */
  final SharedLevel sharedLevel;

  /**
   * @param vertx the Vert.x instance
   * @param config the validated configuration
   * @param port the port the first server bound
   * @param localHub the loaded embedded hub, or {@code null} in remote mode
   * @param reads the class-path documents read at boot ({@link Reads#read(String)} for this port's base URL)
   * @param ticker the media cache's clock
   * @param metrics the process's meter registry
   */
  Wiring(Vertx vertx, GatewayConfig config, int port, @Nullable LocalHub localHub, Reads reads, Ticker ticker,
      GatewayMetrics metrics) {
    this.config = config;
    this.publicBaseUrl = config.server().publicBaseUrl(port);
    this.hubBaseUrl = localHub != null ? config.server().selfOrigin(port) + "/hub"
        : config.hub().mode() == HubOptions.Mode.SUBSONIC ? config.hub().subsonic().url()
        : config.hub().client().baseUrl().get();
    this.localHub = localHub;
    this.redis = config.cluster().enabled() ? RedisLink.create(vertx, config.cluster(), metrics.registry()) : null;
    this.subsonic = config.hub().mode() == HubOptions.Mode.SUBSONIC ? Subsonic.create(vertx, config, publicBaseUrl)
        : null;
    this.hubClient = subsonic != null
        ? CircuitBreakerHubClient.create(vertx, subsonic.client(), config.hub().breaker())
        : hubClient(vertx, config.hub(), hubBaseUrl, localHub);
    this.sharedLevel = redis == null ? SharedLevel.NONE
        : RedisSharedLevel.create(vertx, redis, metrics.registry(), Clock.systemUTC());
    this.cache = MediaCache.create(hubClient, config.cache(), ticker, sharedLevel);
    firstLevelMeters(metrics.registry(), cache);
    this.sharedInvalidations = redis == null ? null : RedisInvalidations.start(redis, cache, metrics.registry());
    this.assets = reads.assets();
    PlayerViews views = new PlayerViews(publicBaseUrl, assets.urls(), cache::isTakenDown);
    this.rights = Rights.create(config.rights());
    this.pages = MediaPipeline.create(cache, rights, views, new Templates());
    this.sharedBuckets = redis == null ? null : RedisBuckets.start(vertx, redis, metrics.registry());
    this.partners = PartnerPolicy.create(config.partners(), metrics.registry(), sharedBuckets);
    this.metrics = metrics;
    // partners' origins always keep their own label; the rest of metrics.eventOrigins goes first-come
    this.events = new PlayerEventCounter(metrics.registry(), config.metrics().eventOrigins(),
        config.metrics().eventMediaIds(), partners.partners().framingOrigins());
    this.drain = new Drain(config.shutdown());
    this.health = new Health(localHub, hubClient, subsonic == null ? null : subsonic.api(), redis, drain);
    this.api = reads.api();
    this.artwork = ArtworkService.create(vertx, config.artwork(), config.oembed().providerName(),
        subsonic != null ? proxiedArtworkFetchUrl(publicBaseUrl, config.server().selfOrigin(port))
            : artworkFetchUrl(publicBaseUrl, hubBaseUrl, localHub));
  }

  /**
   * What the gateway reads from its class path at boot, blocking: the OpenAPI description (YAML parts, parsed) and the
   * widgets' files. {@link Playgate} reads them on a worker while the embedded hub loads its catalogue, instead of
   * on the event loop afterwards (the start-up profile in load-tests/RESULTS.md).
   *
   * @param api the OpenAPI description for the public base URL
   * @param assets the widgets' hashed files
   */
  record Reads(OpenApiDocument api, WidgetAssets assets) {

    /**
     * Blocking class-path reads.
     *
     * @param publicBaseUrl the public base URL, without trailing slash
     * @return both documents
     * @throws IllegalStateException when an OpenAPI part is missing or malformed
     * @throws java.io.UncheckedIOException when a widget file is missing
     */
    static Reads read(String publicBaseUrl) {
      return new Reads(Playgate.apiDescription(publicBaseUrl), WidgetAssets.load());
    }
  }

  /** {@code playgate.cache.lookups{level=l1}}: read from the cache's own counters, so a lookup costs no meter call. */
  private static void firstLevelMeters(MeterRegistry registry, MediaCache cache) {
    FunctionCounter.builder("playgate.cache.lookups", cache, MediaCache::firstLevelHits).tag("level", "l1")
        .tag("result", "hit").description("cache lookups by level (l1: the node's own, l2: shared in Redis) and result")
        .register(registry);
    FunctionCounter.builder("playgate.cache.lookups", cache, MediaCache::firstLevelMisses).tag("level", "l1")
        .tag("result", "miss").description("cache lookups by level (l1: the node's own, l2: shared in Redis) and result")
        .register(registry);
  }

  /**
   * The embedded hub lists its files under the public base URL; the gateway downloads them over loopback, as the
   * hub client calls the hub (a public base URL behind a proxy may not be reachable from the gateway itself).
   */
  private static java.util.function.UnaryOperator<String> artworkFetchUrl(String publicBaseUrl, String hubBaseUrl,
      @Nullable LocalHub localHub) {
    String listed = publicBaseUrl + "/hub/";
    return localHub == null ? url -> url
        : url -> url.startsWith(listed) ? hubBaseUrl + "/" + url.substring(listed.length()) : url;
  }

  /** In subsonic mode items list the media proxy's art under the public base URL: downloaded over loopback too. */
  private static java.util.function.UnaryOperator<String> proxiedArtworkFetchUrl(String publicBaseUrl,
      String selfOrigin) {
    String listed = publicBaseUrl + ProxyUrls.ART;
    return url -> url.startsWith(listed) ? selfOrigin + ProxyUrls.ART + url.substring(listed.length()) : url;
  }

  /** The hub credential: the embedded hub shares a random per-process one unless {@code hub.apiKey} is set. */
  private static HubClient hubClient(Vertx vertx, HubOptions hub, String baseUrl, @Nullable LocalHub localHub) {
    String key = hub.client().apiKey() != null ? hub.client().apiKey() : localHub != null ? randomKey() : null;
    if (localHub != null) {
      localHub.apiKey(key);
    }
    return CircuitBreakerHubClient.create(vertx,
        WebHubClient.create(vertx, hub.client().withBaseUrl(() -> baseUrl).withApiKey(key)), hub.breaker());
  }

  private static String randomKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** @return where the webhook shares takedowns and updates: Redis's stream, or nowhere for a node on its own */
  InvalidationBus invalidations() {
    return sharedInvalidations != null ? sharedInvalidations : InvalidationBus.LOCAL;
  }

  /**
   * A beacon is counted only for media the gateway already knows: cached (its visibility decides whether its id may
   * be a label), or listed by the embedded hub; checking costs no hub call.
   *
   * @param id a media id
   * @return its visibility, or {@code null} when it is not known
   */
  @Nullable Visibility knownMedia(String id) {
    MediaItem cached = cache.peek(id);
    return cached != null ? cached.visibility()
        : localHub != null && localHub.catalog().isListed(id) ? Visibility.PUBLIC : null;
  }

  /**
   * @return the ids the start page lists: the embedded catalogue's listed ones, the Subsonic library's albums and
   *     public playlists (none while the server cannot be reached), none in remote mode
   */
  Future<List<String>> catalogIds() {
    if (subsonic != null) {
      return subsonic.client().listedIds().otherwise(List.of());
    }
    return Future.succeededFuture(localHub == null ? List.of() : localHub.catalog().listedIds());
  }

  /**
   * Subsonic mode's pieces: the server, the adapter, the media proxy's URLs. A signed proxy URL lives as long as any
   * page holding it may be served ({@code cache.maxTtl} + {@code cache.staleIfError}) plus
   * {@code hub.subsonic.playbackWindow}.
   *
   * @param api the Subsonic server
   * @param client the adapter (without its circuit breaker)
   * @param urls the media proxy's URLs
   */
  record Subsonic(SubsonicApi api, SubsonicHubClient client, ProxyUrls urls) {
    static Subsonic create(Vertx vertx, GatewayConfig config, String publicBaseUrl) {
      HubOptions hub = config.hub();
      SubsonicApi api = new SubsonicApi(vertx, hub.subsonic(), hub.client());
      ProxyUrls urls = new ProxyUrls(publicBaseUrl, config.cache().maxTtl().plus(config.cache().staleIfError())
          .plus(hub.subsonic().playbackWindow()), Clock.systemUTC());
      api.discoverInBackground();
      return new Subsonic(api, new SubsonicHubClient(api, publicBaseUrl, urls, hub.localMaxAge()), urls);
    }
  }
}
