package io.playgate.hub.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The file-backed hub (hub API v1), as a router to mount at {@code /hub}:
 * <ul>
 *   <li>{@code GET /v1/media/{id}} → 200 {@code application/json} MediaItem with {@code ETag} and
 *       {@code Cache-Control: max-age=N}; 304 on a matching {@code If-None-Match} (RFC 9110 §13.1.2, weak
 *       comparison); 404 unknown, 410 removed; a private or unlisted item is 403 unless the request carries the
 *       hub credential ({@link #apiKey(String)}) as {@code Authorization: Bearer}, then 200 with its
 *       {@code visibility} field;</li>
 *   <li>{@code GET|HEAD /files/{path}} → the catalogue's media files with Range support ({@link MediaFileHandler}).</li>
 * </ul>
 * Counts media requests per id, so tests and load tests can see how many calls reached the hub. Every media request
 * is answered through a {@link MediaAnswerHook}, {@link MediaAnswerHook#NORMAL} until another is set: the seam where
 * the hub simulator injects its faults without this module knowing about them.
 */
public final class LocalHub {

  private final Catalog catalog;
  private final Path folder;
  private final String cacheControl;
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder totalRequests = new LongAdder();
  private volatile MediaAnswerHook hook = MediaAnswerHook.NORMAL;
  private volatile byte @Nullable [] apiKey;

  private LocalHub(Catalog catalog, Path folder, Duration maxAge) {
    this.catalog = catalog;
    this.folder = folder;
    this.cacheControl = "public, max-age=" + maxAge.toSeconds();
  }

  /**
   * Opens the catalogue folder ({@link Catalog#open}: indexed when it has a {@code catalog.index}) on a worker
   * thread, without blocking the caller's event loop.
   *
   * @param vertx for the file read
   * @param folder the catalogue folder
   * @param filesBaseUrl absolute public base URL of the hub's files, e.g. {@code http://localhost:8080/hub}: browsers
   *     load media from {@code {filesBaseUrl}/files/…}, so it must be reachable by them
   * @param publicBaseUrl the gateway's public base URL (default page URLs)
   * @param maxAge the {@code max-age} sent with MediaItems, whole seconds
   * @param check applied to every catalogue entry before it is served ({@link Catalog.ItemCheck#NONE}: none)
   * @return a future completed on the caller's context with the hub, or failed with an
   *     {@link IllegalArgumentException} saying what is wrong with the catalogue
   */
  public static Future<LocalHub> load(Vertx vertx, Path folder, String filesBaseUrl, String publicBaseUrl,
      Duration maxAge, Catalog.ItemCheck check) {
    Path file = folder.resolve("catalog.json");
    return vertx.executeBlocking(() -> {
      try {
        return Catalog.open(folder, filesBaseUrl, publicBaseUrl, check);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
      }
    }, false).map(catalog -> new LocalHub(catalog, folder, maxAge));
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
   * @param vertx the Vert.x instance
   * @return a router for a whole server: this hub alone, as {@link #mountAlone(Router, Vertx)} makes it
   */
  public Router standaloneRouter(Vertx vertx) {
    Router root = Router.router(vertx);
    mountAlone(root, vertx);
    return root;
  }

  /**
   * Mounts this hub alone on a server's root router (the hub simulator): its routes at {@code /hub/}, JSON errors
   * everywhere else. A router may be filled this way while its server already listens.
   *
   * @param root the server's root router, with no routes of its own
   * @param vertx the Vert.x instance
   */
  public void mountAlone(Router root, Vertx vertx) {
    root.route("/hub/*").subRouter(router(vertx));
    jsonErrors(root);
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
   * Sets how media requests are answered from now on (requests already waiting keep the hook they met).
   *
   * @param hook the hook; {@link MediaAnswerHook#NORMAL} answers as the hub does
   * @throws NullPointerException when {@code hook} is null
   */
  public void answerHook(MediaAnswerHook hook) {
    this.hook = Objects.requireNonNull(hook, "hook");
  }

  /** @return the hook media requests are answered through ({@link MediaAnswerHook#NORMAL} until another is set) */
  public MediaAnswerHook answerHook() {
    return hook;
  }

  /**
   * Sets the credential with which callers see private and unlisted items (the hub API's bearer credential).
   * Compared in constant time.
   *
   * @param key the bearer token callers must send, or {@code null} so that private and unlisted items are always 403
   */
  public void apiKey(@Nullable String key) {
    this.apiKey = key == null || key.isEmpty() ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  boolean holdsCredential(RoutingContext ctx) {
    byte[] key = apiKey;
    String auth = ctx.request().getHeader("Authorization");
    if (key == null || auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(key, auth.substring(7).trim().getBytes(StandardCharsets.UTF_8));
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
    if (!catalog.readsFiles()) {
      hook.answer(new MediaExchange(this, ctx, id, catalog.get(id), cacheControl));
      return;
    }
    // an indexed catalogue reads the entry (and a collection's members) from catalog.json: a worker's job
    MediaAnswerHook current = hook;
    ctx.vertx().executeBlocking(() -> catalog.get(id), false).onComplete(read -> {
      if (read.succeeded()) {
        current.answer(new MediaExchange(this, ctx, id, read.result(), cacheControl));
      } else {
        problem(ctx.response(), 500, "Internal Server Error", "catalogue entry unreadable");
      }
    });
  }

  /**
   * Ends a response with an RFC 9457 problem body and {@code Cache-Control: no-store}, dropping the headers a
   * success would have carried.
   *
   * @param resp a response whose head is not yet written
   * @param status the status, 4xx or 5xx
   * @param title the problem title
   * @param detail the problem detail
   */
  public static void problem(HttpServerResponse resp, int status, String title, String detail) {
    resp.headers().remove("Accept-Ranges").remove("ETag").remove("Content-Type").remove("Cache-Control");
    resp.setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).encode());
  }
}
