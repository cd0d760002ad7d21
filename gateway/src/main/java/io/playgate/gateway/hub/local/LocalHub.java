package io.playgate.gateway.hub.local;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.playgate.gateway.hub.EntityTags;
import io.playgate.gateway.hub.Visibility;
import io.playgate.gateway.hub.local.HubFaults.Answer;
import io.playgate.gateway.hub.local.HubFaults.FaultSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The file-backed hub (hub API v1, DESIGN.md §2 and §4), as a router to mount at {@code /hub}:
 * <ul>
 *   <li>{@code GET /v1/media/{id}} → 200 {@code application/json} MediaItem with {@code ETag} and
 *       {@code Cache-Control: max-age=N}; 304 on a matching {@code If-None-Match} (RFC 9110 §13.1.2, weak
 *       comparison); 404 unknown, 410 removed; a private or unlisted item is 403 unless the request carries the
 *       hub credential ({@link #apiKey(String)}) as {@code Authorization: Bearer}, then 200 with its
 *       {@code visibility} field;</li>
 *   <li>{@code GET|HEAD /files/{path}} → the catalogue's media files with Range support ({@link MediaFileHandler}).</li>
 * </ul>
 * Counts media requests per id, so tests and load tests can see how many calls reached the hub, and injects faults
 * into media answers on demand ({@link #faults()}; on the standalone hub also over HTTP, {@link HubAdmin}).
 */
public final class LocalHub {

  private final Catalog catalog;
  private final Path folder;
  private final String cacheControl;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder totalRequests = new LongAdder();
  private final HubFaults faults = new HubFaults();
  private volatile byte[] apiKey;

  private LocalHub(Catalog catalog, Path folder, Duration maxAge) {
    this.catalog = catalog;
    this.folder = folder;
    this.cacheControl = "public, max-age=" + maxAge.toSeconds();
  }

  /**
   * Reads {@code catalog.json} from the folder without blocking the caller's event loop.
   *
   * @param vertx for the file read
   * @param folder the catalogue folder
   * @param filesBaseUrl absolute public base URL of the hub's files, e.g. {@code http://localhost:8080/hub}: browsers
   *     load media from {@code {filesBaseUrl}/files/…}, so it must be reachable by them
   * @param publicBaseUrl the gateway's public base URL (default page URLs)
   * @param maxAge the {@code max-age} sent with MediaItems
   * @return a future completed on the caller's context with the hub, or failed with an
   *     {@link IllegalArgumentException} saying what is wrong with the catalogue
   */
  public static Future<LocalHub> load(Vertx vertx, Path folder, String filesBaseUrl, String publicBaseUrl, Duration maxAge) {
    Path file = folder.resolve("catalog.json");
    return vertx.fileSystem().readFile(file.toString())
        .recover(e -> Future.failedFuture(new IllegalArgumentException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage())))
        .map(buf -> new LocalHub(Catalog.parse(buf, filesBaseUrl, publicBaseUrl), folder, maxAge));
  }

  /**
   * @param vertx the Vert.x instance the router runs on
   * @return a router with the hub's routes, to mount with {@code route("/hub/*").subRouter(…)}
   */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/v1/media/:id").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::media);
    MediaFileHandler files = new MediaFileHandler(folder, catalog::servesFile);
    router.route("/files/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(files);
    jsonErrors(router);
    return router;
  }

  /**
   * The standalone hub ({@code java -jar … hub}): this hub's routes at {@code /hub/}, JSON errors everywhere else.
   *
   * @param vertx the Vert.x instance
   * @return a router for the whole server
   */
  public Router standaloneRouter(Vertx vertx) {
    Router root = Router.router(vertx);
    root.route("/hub/*").subRouter(router(vertx));
    jsonErrors(root);
    return root;
  }

  /** Failures Vert.x meets while routing (no route, wrong method, an undecodable URI) get JSON bodies too. */
  private static void jsonErrors(Router router) {
    router.errorHandler(400, ctx -> problem(ctx.response(), 400, "Bad Request", "malformed request URI"));
    router.errorHandler(404, ctx -> problem(ctx.response(), 404, "Not Found", "no such hub resource"));
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader("Allow", "GET, HEAD");
      problem(ctx.response(), 405, "Method Not Allowed", "the hub answers GET and HEAD");
    });
    router.errorHandler(500, ctx -> problem(ctx.response(), 500, "Internal Server Error", "internal error"));
  }

  /** @return the catalogue served */
  public Catalog catalog() {
    return catalog;
  }

  /**
   * @param id a media id
   * @return how many {@code GET /v1/media/{id}} requests arrived for it since start or {@link #resetCounts()}
   */
  public long requestCount(String id) {
    LongAdder n = requests.get(id);
    return n == null ? 0 : n.sum();
  }

  /** @return media requests for all ids since start or {@link #resetCounts()} */
  public long totalRequests() {
    return totalRequests.sum();
  }

  /**
   * @return a snapshot of the per-id media request counts since start or {@link #resetCounts()}, ids sorted
   */
  public Map<String, Long> requestCounts() {
    Map<String, Long> counts = new TreeMap<>();
    requests.forEach((id, n) -> counts.put(id, n.sum()));
    return counts;
  }

  /**
   * @return the run-time fault injection for {@code GET /v1/media/{id}} (latency, errors, outage, slow drip,
   *     hostile answers); all off until set
   */
  public HubFaults faults() {
    return faults;
  }

  /**
   * Sets the credential with which callers see private and unlisted items (issue 5). Compared in constant time.
   *
   * @param key the bearer token callers must send, or {@code null} so that private and unlisted items are always 403
   */
  public void apiKey(String key) {
    this.apiKey = key == null || key.isEmpty() ? null : key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private boolean holdsCredential(RoutingContext ctx) {
    byte[] key = apiKey;
    String auth = ctx.request().getHeader("Authorization");
    if (key == null || auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return java.security.MessageDigest.isEqual(key, auth.substring(7).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Zeroes the request counters. */
  public void resetCounts() {
    requests.clear();
    totalRequests.reset();
  }

  private void media(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    totalRequests.increment();
    requests.computeIfAbsent(id, k -> new LongAdder()).increment();
    FaultSettings s = faults.get();
    if (s.isNone() || !s.affects(id)) {
      answer(ctx, id, FaultSettings.NONE);
      return;
    }
    long delay = HubFaults.delayMillis(s);
    if (delay > 0) {
      ctx.vertx().setTimer(delay, t -> faulty(ctx, id, s));
    } else {
      faulty(ctx, id, s);
    }
  }

  /** The order HubFaults documents: (latency already waited) outage, error, answer. */
  private void faulty(RoutingContext ctx, String id, FaultSettings s) {
    HttpServerResponse resp = ctx.response();
    if (resp.closed()) {
      return;
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      answer(ctx, id, FaultSettings.NONE);
      return;
    }
    if (s.outage()) {
      ctx.request().connection().close();
      return;
    }
    if (HubFaults.rollError(s)) {
      problem(resp, s.errorStatus(), HttpResponseStatus.valueOf(s.errorStatus()).reasonPhrase(),
          "injected fault (errorRate " + s.errorRate() + ")");
      return;
    }
    Catalog.Entry entry = catalog.get(id);
    boolean servable = entry != null && !entry.removed() && !entry.isPrivate();
    if (s.answer() == Answer.NORMAL || (s.answer().needsItem() && !servable)) {
      answer(ctx, id, s);
    } else {
      HubFaultAnswers.send(ctx.vertx(), resp, s.answer(), id, servable ? entry : null, cacheControl, s.dripInterval());
    }
  }

  private void answer(RoutingContext ctx, String id, FaultSettings s) {
    Catalog.Entry entry = catalog.get(id);
    HttpServerResponse resp = ctx.response();
    if (entry == null) {
      problem(resp, 404, "Not Found", "unknown media id");
      return;
    }
    if (entry.removed()) {
      problem(resp, 410, "Gone", "media removed");
      return;
    }
    if (entry.isPrivate()) {
      Visibility.PRIVATE.hideInLogs(ctx, id);
    }
    if (entry.isPrivate() && !holdsCredential(ctx)) {
      problem(resp, 403, "Forbidden", "media is private");
      return;
    }
    resp.putHeader("ETag", entry.etag()).putHeader("Cache-Control", cacheControl);
    if (EntityTags.ifNoneMatch(ctx.request().getHeader("If-None-Match"), entry.etag())) {
      resp.setStatusCode(304).end();
      return;
    }
    resp.putHeader("Content-Type", "application/json");
    HubFaultAnswers.body(ctx.vertx(), resp, entry.body(), s.dripInterval());
  }

  static void problem(HttpServerResponse resp, int status, String title, String detail) {
    resp.headers().remove("Accept-Ranges").remove("ETag").remove("Content-Type").remove("Cache-Control");
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).encode());
  }
}
