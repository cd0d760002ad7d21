package io.playgate.gateway.http;

import io.playgate.widgets.SiteIcons;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's router under construction: platform handlers first, in the order they are added, then each
 * capability's routes (every capability mounts its own), then {@link #build()} adds what follows every route: 405
 * with the path's real {@code Allow} for other methods on a declared path, and the one problem handler for every
 * failure. Remembers each declared path's methods for the 405s. Not thread-safe: build one per server instance.
 */
public final class Routes {

  /** Requests that take longer than this are answered 503 by {@link TimeoutHandler}, in ms. */
  public static final long REQUEST_TIMEOUT_MILLIS = 30_000;
  /** {@code Cache-Control} of the site icons: a day, then revalidated with their {@code ETag}. */
  public static final String ICON_CACHE_CONTROL = "public, max-age=86400";

  private final Vertx vertx;
  private final Router router;
  private final RequestBodyTimeoutHandler bodyTimeout;
  private final Map<String, Set<HttpMethod>> methods = new LinkedHashMap<>();

  private Routes(Vertx vertx, LimitsOptions limits) {
    this.vertx = vertx;
    this.router = Router.router(vertx);
    this.bodyTimeout = RequestBodyTimeoutHandler.create(limits.requestBodyTimeout());
  }

  /**
   * @param vertx the Vert.x instance
   * @param limits {@code limits.*}: a route that reads a body answers 408 when the body has not fully arrived within
   *     {@link LimitsOptions#requestBodyTimeout()}
   * @return an empty router under construction
   */
  public static Routes create(Vertx vertx, LimitsOptions limits) {
    return new Routes(vertx, limits);
  }

  /** @return the Vert.x instance the router belongs to */
  public Vertx vertx() {
    return vertx;
  }

  /**
   * @param handler a platform handler for every request, after the ones added before it
   * @return this
   */
  public Routes platform(Handler<RoutingContext> handler) {
    router.route().handler(handler);
    return this;
  }

  /**
   * @param pathPattern a path, or a prefix such as {@code /embed/*}
   * @param handler a security-policy handler that runs before every route of those paths and calls {@code next()}
   * @return this
   */
  public Routes policy(String pathPattern, Handler<RoutingContext> handler) {
    router.route(pathPattern).handler(handler);
    return this;
  }

  /**
   * @param pathPrefix a prefix such as {@code /hub/*}
   * @param subRouter the router that answers below it
   * @return this
   */
  public Routes mount(String pathPrefix, Router subRouter) {
    router.route(pathPrefix).subRouter(subRouter);
    return this;
  }

  /**
   * @param path a path ({@code /oembed}, {@code /embed/:id}, {@code /widgets/*})
   * @param allowed its methods; any other method on it is answered 405
   * @return the route, for its handlers
   */
  public Route on(String path, HttpMethod... allowed) {
    Route route = router.route(path);
    for (HttpMethod m : allowed) {
      route.method(m);
      methods.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(m);
    }
    return route;
  }

  /**
   * A {@code GET} and {@code HEAD} route (Vert.x drops the body of a {@code HEAD} response).
   *
   * @param path the path
   * @return the route, for its handlers
   */
  public Route readable(String path) {
    return on(path, HttpMethod.GET, HttpMethod.HEAD);
  }

  /**
   * A {@code POST} route that reads a body: first its media type (415 for another, compared case-insensitively,
   * {@link MediaTypeHandler}), then 408 when the body has not arrived within {@code limits.requestBodyTimeout}
   * ({@link RequestBodyTimeoutHandler}), 413 beyond {@code maxBodyBytes} (also for chunked bodies), then the body in
   * {@code ctx.body()} for the handlers added next. Forms and multipart bodies are never decoded.
   *
   * @param path the path
   * @param maxBodyBytes the largest accepted body, in bytes
   * @param mediaTypes the accepted {@code type/subtype} values, lower-case, at least one
   * @return the route, for its handlers
   */
  public Route post(String path, long maxBodyBytes, String... mediaTypes) {
    return on(path, HttpMethod.POST).handler(MediaTypeHandler.accepting(mediaTypes)).handler(bodyTimeout)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
  }

  /**
   * Ends the construction: the site icons ({@code /favicon.ico}, {@code /icon.svg}, {@code /apple-touch-icon.png},
   * {@link SiteIcons}, a day of freshness, strong {@code ETag}, 304 on {@code If-None-Match}), then 405 (RFC 9110 §15.5.6) with the path's real {@code Allow} for
   * any other method on a declared path, then the one problem handler for every failure, ours or Vert.x's (404 no
   * route, 405, 413, …), as {@code application/problem+json}.
   *
   * @return the router
   */
  public Router build() {
    for (WidgetAssets.Asset icon : SiteIcons.ALL) {
      readable(icon.path()).handler(iconHandler(icon));
    }
    methods.forEach((path, allowed) -> router.route(path).handler(MethodNotAllowedHandler.create(allowed)));
    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {400, 404, 405, 406, 413, 414, 415, 431, 500, 501, 503}) {
      router.errorHandler(status, problems.forStatus(status));
    }
    return router;
  }

  private static Handler<RoutingContext> iconHandler(WidgetAssets.Asset icon) {
    String etag = ConditionalResponse.strongEtag(icon.bytes());
    Buffer bytes = Buffer.buffer(icon.bytes());
    return ctx -> {
      // an SVG opened on its own is a document: it gets nothing to run or load
      ctx.response().putHeader("Content-Type", icon.contentType()).putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      ConditionalResponse.end(ctx, etag, ICON_CACHE_CONTROL, () -> bytes);
    };
  }
}
