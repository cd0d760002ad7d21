package io.playgate.gateway.app;

import io.playgate.gateway.artwork.ArtworkRoutes;
import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.embed.EmbedRoutes;
import io.playgate.gateway.http.AccessLogHandler;
import io.playgate.gateway.http.HeadContentLengthHandler;
import io.playgate.gateway.http.OpenApiDocument;
import io.playgate.gateway.http.QueryParams;
import io.playgate.gateway.http.RequestBodyLimitHandler;
import io.playgate.gateway.http.RequestIdHandler;
import io.playgate.gateway.http.Routes;
import io.playgate.gateway.http.UnknownMethodHandler;
import io.playgate.gateway.hub.subsonic.ProxyUrls;
import io.playgate.gateway.mediaproxy.MediaProxyRoutes;
import io.playgate.gateway.metrics.MetricsRoutes;
import io.playgate.gateway.oembed.OEmbedRoutes;
import io.playgate.gateway.partner.PartnerRoutes;
import io.playgate.gateway.preview.PreviewRoutes;
import io.playgate.gateway.takedown.TakedownRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import java.util.List;

/** The gateway's router, assembled in one method you can read top to bottom. */
final class GatewayRouter {

  /**
   * The parts of the OpenAPI description ({@link OpenApiDocument}), in the order of the routes below: each
   * capability's routes class, whose package holds its {@value OpenApiDocument#FRAGMENT}, the health checks, and
   * {@code /openapi.json} itself.
   */
  static final List<Class<?>> API_PARTS = List.of(PreviewRoutes.class, OEmbedRoutes.class, EmbedRoutes.class,
      ArtworkRoutes.class, MediaProxyRoutes.class, PartnerRoutes.class, MetricsRoutes.class, Health.class,
      TakedownRoutes.class, OpenApiDocument.class);

  private GatewayRouter() {
  }

  /**
   * Platform handlers in order, then each capability's routes (each capability mounts its own), then 405s and the
   * one problem handler ({@link Routes#build()}). Request framing and the request head's deadline are checked before
   * the router, in {@link ServerVerticle}.
   *
   * @param vertx the Vert.x instance
   * @param w the pieces shared by every server instance
   * @return a router for one server instance
   */
  static Router build(Vertx vertx, Wiring w) {
    GatewayConfig config = w.config;
    Routes routes = Routes.create(vertx, config.limits());
    // requests in flight, counted for the graceful shutdown; while draining, answers close their connection
    routes.platform(w.drain.tracker());
    routes.platform(RequestIdHandler.create());
    if (config.server().accessLog()) {
      // SHORT format, secret parameters and private media ids masked (AccessLogFormat); ERROR only for server faults
      routes.platform(AccessLogHandler.create());
    }
    // a method outside RFC 9110's (and PATCH) is 501 on every path; metrics label it "other" (StandardMethods)
    routes.platform(UnknownMethodHandler.create());
    // a proxied stream lasts as long as its listener reads it (bounded by the proxy's idle timeout instead)
    Handler<RoutingContext> timeout = TimeoutHandler.create(Routes.REQUEST_TIMEOUT_MILLIS);
    routes.platform(ctx -> {
      if (w.subsonic != null && ctx.request().path().startsWith(ProxyUrls.STREAM)) {
        ctx.next();
      } else {
        timeout.handle(ctx);
      }
    });
    // a HEAD answer carries the Content-Length its GET would (RFC 9110 §9.3.2), on every readable route
    routes.platform(HeadContentLengthHandler.create());
    // bodies: a declared Content-Length over limits.maxBodySize is 413 before a byte is read, on every route; routes
    // that read a body put their own (tighter) limit on it, which also bounds chunked bodies
    routes.platform(RequestBodyLimitHandler.create(config.limits().maxBodyBytes()));
    // a malformed query string is 400 on every route (README "parameter policy"), not only where it is read
    routes.platform(QueryParams.validator());

    if (w.localHub != null) {
      // the embedded content hub, reached by the hub client over loopback like a remote hub
      routes.mount("/hub/*", w.localHub.router(vertx));
    }
    if (w.subsonic != null) {
      // the Subsonic server's streams and cover art, relayed so browsers never see its address or credentials
      MediaProxyRoutes.mount(routes, w.cache, w.rights, w.subsonic.api(), w.subsonic.urls());
    }
    PreviewRoutes.mount(routes, w.pages, w.partners, config.oembed().providerName(), w::catalogIds);
    OEmbedRoutes.mount(routes, config.oembed(), w.pages, w.partners);
    EmbedRoutes.mount(routes, config.embed(), w.pages, w.partners, w.assets);
    ArtworkRoutes.mount(routes, w.artwork, w.cache, w.partners);
    PartnerRoutes.mount(routes, w.partners, w.publicBaseUrl);
    MetricsRoutes.mount(routes, w.events, w::knownMedia, w.partners);
    w.health.mount(routes);
    TakedownRoutes.mount(routes, config.webhook(), w.cache, w.invalidations());
    w.api.mount(routes);
    return routes.build();
  }
}
