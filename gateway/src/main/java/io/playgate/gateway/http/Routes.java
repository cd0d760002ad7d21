package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's router, assembled in one method you can read top to bottom (DESIGN.md §5): platform handlers,
 * then each public route with its capability handler, then the one problem handler for every failure.
 */
public final class Routes {

  /** Requests that take longer than this are answered 503 by {@link TimeoutHandler}, in ms. */
  public static final long REQUEST_TIMEOUT_MILLIS = 30_000;

  /**
   * The capability handlers to mount; {@code hub} is {@code null} unless the embedded hub runs here.
   *
   * @param hub router of the embedded hub, mounted at {@code /hub/}, or {@code null}
   * @param oembed {@code GET /oembed}
   * @param embed {@code GET /embed/:id}
   * @param share {@code GET /media/:id}
   * @param widgets {@code GET /widgets/*}
   * @param live {@code GET /health/live}
   * @param ready {@code GET /health/ready}
   * @param index {@code GET /}, the start page
   * @param hostSdk {@code GET /embed.js}
   * @param events {@code POST /events}, behind a body limit of {@code eventsMaxBodyBytes}
   * @param eventsMaxBodyBytes largest {@code /events} body in bytes; larger is 413
   * @param accessLog whether to log every request
   * @param rateLimit partner key check and rate limit, before {@code /oembed}, {@code /embed/:id}, {@code /media/:id},
   *     {@code /partner/sign} and {@code /events}
   * @param sign {@code POST /partner/sign}
   * @param oembedPreflight {@code OPTIONS /oembed}, the CORS preflight
   * @param frameAncestors {@code embed.frameAncestors}: who may frame the player pages
   * @param maxBodyBytes {@code limits.maxBodySize}: larger request bodies are answered 413 before they are read
   * @param hook {@code POST /hooks/hub}, the hub webhook, or {@code null} when {@code hub.webhookSecret} is unset
   *     (then the route answers 404)
   * @param hookMaxBodyBytes largest accepted webhook body; larger is 413
   * @param requestBodyTimeout {@code limits.requestBodyTimeout}: a body-reading route answers 408 when the body has
   *     not fully arrived within this
   */
  public record Handlers(Router hub, Handler<RoutingContext> oembed, Handler<RoutingContext> embed,
      Handler<RoutingContext> share, Handler<RoutingContext> widgets, Handler<RoutingContext> live,
      Handler<RoutingContext> ready, Handler<RoutingContext> index, Handler<RoutingContext> hostSdk,
      Handler<RoutingContext> events, long eventsMaxBodyBytes, boolean accessLog,
      Handler<RoutingContext> rateLimit, Handler<RoutingContext> sign, Handler<RoutingContext> oembedPreflight,
      List<String> frameAncestors, long maxBodyBytes, Handler<RoutingContext> hook, long hookMaxBodyBytes,
      Duration requestBodyTimeout) {
  }

  /** Largest {@code POST /partner/sign} body, in bytes. */
  public static final long SIGN_BODY_LIMIT_BYTES = 4096;

  private Routes() {
  }

  /**
   * Declares routes on a router and remembers each path's methods, so that {@link #methodNotAllowed()} can answer
   * every other method on a known path with 405 and the path's real {@code Allow}.
   */
  private static final class Paths {
    private final Router router;
    private final Map<String, Set<HttpMethod>> methods = new LinkedHashMap<>();

    Paths(Router router) {
      this.router = router;
    }

    Route on(String path, HttpMethod... allowed) {
      Route route = router.route(path);
      for (HttpMethod m : allowed) {
        route.method(m);
        methods.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(m);
      }
      return route;
    }

    Route readable(String path) {
      return on(path, HttpMethod.GET, HttpMethod.HEAD);
    }

    /** After every route: other methods on each declared path → 405 (RFC 9110 §15.5.6). */
    void methodNotAllowed() {
      methods.forEach((path, allowed) -> router.route(path).handler(MethodNotAllowedHandler.create(allowed)));
    }
  }

  /**
   * @param vertx the Vert.x instance
   * @param h the capability handlers
   * @return the router
   */
  public static Router build(Vertx vertx, Handlers h) {
    Router router = Router.router(vertx);
    Paths paths = new Paths(router);
    // platform (request framing, Host and the request head's time are checked before the router: RequestFraming,
    // RequestHeaderTimeout)
    router.route().handler(RequestIdHandler.create());
    if (h.accessLog()) {
      // SHORT format, secret parameters and private media ids masked (AccessLogFormat); ERROR only for server faults
      router.route().handler(AccessLogHandler.create());
    }
    // a method outside RFC 9110's (and PATCH) is 501 on every path; metrics label it "other" (StandardMethods)
    router.route().handler(UnknownMethodHandler.create());
    router.route().handler(TimeoutHandler.create(REQUEST_TIMEOUT_MILLIS));
    // a HEAD answer carries the Content-Length its GET would (RFC 9110 §9.3.2), on every readable route
    router.route().handler(HeadContentLengthHandler.create());
    // bodies: a declared Content-Length over limits.maxBodySize is 413 before a byte is read, on every route; routes
    // that read a body put their own (tighter) BodyHandler limit on it, which also bounds chunked bodies
    router.route().handler(RequestBodyLimitHandler.create(h.maxBodyBytes()));
    // a malformed query string is 400 on every route (README "parameter policy"), not only where it is read
    router.route().handler(QueryParams.validator());
    // the embedded content hub (DESIGN.md §4), reached by the HubClient over loopback like a remote hub
    if (h.hub() != null) {
      router.route("/hub/*").subRouter(h.hub());
    }
    // security policy (DESIGN.md §5): who may frame the player
    router.route("/embed/*").handler(SecurityHeaders.frameAncestors(h.frameAncestors()));
    // public API (DESIGN.md §3)
    // (HEAD is answered like GET without a body: Vert.x drops the body of a HEAD response)
    paths.readable("/").handler(h.index());
    // rate limited: the routes that fetch from the hub and render per request (assets are static and long-cached,
    // health is for the platform, /hub/ is the gateway's own loopback client)
    paths.readable("/oembed").handler(h.rateLimit()).handler(h.oembed());
    // the CORS preflight costs nothing and carries no key: not rate limited
    paths.on("/oembed", HttpMethod.OPTIONS).handler(h.oembedPreflight());
    paths.readable("/embed/:id").handler(h.rateLimit()).handler(h.embed());
    paths.readable("/media/:id").handler(h.rateLimit()).handler(h.share());
    // routes that read a body: the media type first (415, compared case-insensitively), then a client that has not
    // sent all of it within limits.requestBodyTimeout gets 408; each reads JSON the one way (JsonBody)
    RequestBodyTimeoutHandler bodyTimeout = RequestBodyTimeoutHandler.create(h.requestBodyTimeout());
    MediaTypeHandler json = MediaTypeHandler.accepting("application/json");
    paths.on("/partner/sign", HttpMethod.POST)
        .handler(json)
        .handler(bodyTimeout)
        .handler(BodyHandler.create(false).setBodyLimit(SIGN_BODY_LIMIT_BYTES))
        .handler(h.rateLimit()).handler(h.sign());
    paths.readable("/widgets/*").handler(h.widgets());
    paths.readable("/embed.js").handler(h.hostSdk());
    // players' analytics beacons: small bodies only (413 beyond), no cookies either way; rate limited per client like
    // the pages, so one client cannot flood the counters; navigator.sendBeacon sends a string as text/plain
    paths.on("/events", HttpMethod.POST)
        .handler(MediaTypeHandler.accepting("application/json", "text/plain"))
        .handler(bodyTimeout)
        .handler(BodyHandler.create(false).setBodyLimit(h.eventsMaxBodyBytes()))
        .handler(h.rateLimit()).handler(h.events());
    // (GET /metrics is not here: it is on the management listener, io.playgate.gateway.management)
    paths.readable("/health/live").handler(h.live());
    paths.readable("/health/ready").handler(h.ready());
    // the hub's webhook (DESIGN.md §2): the raw body, capped (413), is what the signature covers
    if (h.hook() != null) {
      // JSON only, checked before BodyHandler would decode a form or multipart body (415 for those, and for none)
      paths.on("/hooks/hub", HttpMethod.POST)
          .handler(json)
          .handler(bodyTimeout)
          .handler(BodyHandler.create(false).setBodyLimit(h.hookMaxBodyBytes()))
          .handler(h.hook());
    } else {
      paths.on("/hooks/hub", HttpMethod.POST).handler(ctx -> ctx.fail(ProblemException.notFound(
          "the hub webhook is disabled: hub.webhookSecret is not set")));
    }
    // browsers ask every page's origin for an icon; answer without a 404 in their consoles
    paths.readable("/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204)
        .putHeader("Cache-Control", "public, max-age=86400").end());
    // any other method on those paths: 405 with the path's real Allow
    paths.methodNotAllowed();
    // every failure, ours or Vert.x's (404 no route, 405), leaves as application/problem+json
    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, problems.forStatus(status));
    }
    return router;
  }
}
