package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.LoggerFormat;
import io.vertx.ext.web.handler.LoggerHandler;
import io.vertx.ext.web.handler.TimeoutHandler;

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
   * @param metrics {@code GET /metrics}
   * @param accessLog whether to log every request
   * @param rateLimit partner key check and rate limit, before {@code /oembed}, {@code /embed/:id}, {@code /media/:id}
   *     and {@code /partner/sign}
   * @param sign {@code POST /partner/sign}
   * @param oembedPreflight {@code OPTIONS /oembed}, the CORS preflight
   * @param frameAncestors {@code embed.frameAncestors}: who may frame the player pages
   * @param maxBodyBytes {@code limits.maxBodySize}: larger request bodies are answered 413 before they are read
   * @param hook {@code POST /hooks/hub}, the hub webhook, or {@code null} when {@code hub.webhookSecret} is unset
   *     (then the route answers 404)
   * @param hookMaxBodyBytes largest accepted webhook body; larger is 413
   */
  public record Handlers(Router hub, Handler<RoutingContext> oembed, Handler<RoutingContext> embed,
      Handler<RoutingContext> share, Handler<RoutingContext> widgets, Handler<RoutingContext> live,
      Handler<RoutingContext> ready, Handler<RoutingContext> index, Handler<RoutingContext> hostSdk,
      Handler<RoutingContext> events, long eventsMaxBodyBytes, Handler<RoutingContext> metrics, boolean accessLog,
      Handler<RoutingContext> rateLimit, Handler<RoutingContext> sign, Handler<RoutingContext> oembedPreflight,
      java.util.List<String> frameAncestors, long maxBodyBytes, Handler<RoutingContext> hook, long hookMaxBodyBytes) {
  }

  /** Largest {@code POST /partner/sign} body, in bytes. */
  public static final long SIGN_BODY_LIMIT_BYTES = 4096;

  private Routes() {
  }

  private static Route readable(Router router, String path) {
    return router.route(path).method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  /**
   * @param vertx the Vert.x instance
   * @param h the capability handlers
   * @return the router
   */
  public static Router build(Vertx vertx, Handlers h) {
    Router router = Router.router(vertx);
    // platform
    router.route().handler(RequestIdHandler.create());
    if (h.accessLog()) {
      // SHORT format, with access_token values masked (partner keys stay out of logs)
      router.route().handler(LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(AccessLogFormat.create()));
    }
    router.route().handler(TimeoutHandler.create(REQUEST_TIMEOUT_MILLIS));
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
    readable(router, "/").handler(h.index());
    // rate limited: the routes that fetch from the hub and render per request (assets are static and long-cached,
    // health is for the platform, /hub/ is the gateway's own loopback client)
    readable(router, "/oembed").handler(h.rateLimit()).handler(h.oembed());
    // the CORS preflight costs nothing and carries no key: not rate limited
    router.options("/oembed").handler(h.oembedPreflight());
    readable(router, "/embed/:id").handler(h.rateLimit()).handler(h.embed());
    readable(router, "/media/:id").handler(h.rateLimit()).handler(h.share());
    router.post("/partner/sign")
        .handler(BodyHandler.create(false).setBodyLimit(SIGN_BODY_LIMIT_BYTES))
        .handler(h.rateLimit()).handler(h.sign());
    router.route("/partner/sign").handler(ctx -> {
      ctx.response().putHeader("Allow", "POST");
      ctx.fail(405);
    });
    readable(router, "/widgets/*").handler(h.widgets());
    readable(router, "/embed.js").handler(h.hostSdk());
    // players' analytics beacons: small bodies only (413 beyond), no cookies either way
    router.post("/events").handler(BodyHandler.create(false).setBodyLimit(h.eventsMaxBodyBytes())).handler(h.events());
    readable(router, "/metrics").handler(h.metrics());
    readable(router, "/health/live").handler(h.live());
    readable(router, "/health/ready").handler(h.ready());
    // the hub's webhook (DESIGN.md §2): the raw body, capped (413), is what the signature covers
    if (h.hook() != null) {
      // JSON only: BodyHandler would decode a form or multipart body (415 for those, and for no Content-Type)
      router.post("/hooks/hub").consumes("application/json")
          .handler(BodyHandler.create(false).setBodyLimit(h.hookMaxBodyBytes()))
          .handler(h.hook());
    } else {
      router.post("/hooks/hub").handler(ctx -> ctx.fail(ProblemException.notFound(
          "the hub webhook is disabled: hub.webhookSecret is not set")));
    }
    router.route("/hooks/hub").handler(ctx -> {
      if (ctx.request().method() == HttpMethod.POST) {
        ctx.fail(new ProblemException(415, "Content-Type: send the event as application/json"));
      } else {
        ctx.response().putHeader("Allow", "POST");
        ctx.fail(405);
      }
    });
    // browsers ask every page's origin for an icon; answer without a 404 in their consoles
    readable(router, "/favicon.ico").handler(ctx -> ctx.response().setStatusCode(204)
        .putHeader("Cache-Control", "public, max-age=86400").end());
    // every failure, ours or Vert.x's (404 no route, 405), leaves as application/problem+json
    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, problems.forStatus(status));
    }
    return router;
  }
}
