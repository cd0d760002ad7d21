package io.playgate.gateway.management;

import io.playgate.gateway.http.MethodNotAllowedHandler;
import io.playgate.gateway.http.ProblemHandler;
import io.playgate.gateway.http.RequestIdHandler;
import io.playgate.gateway.http.UnknownMethodHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The management listener, deployed as one verticle: {@code GET}/{@code HEAD} of {@code /metrics},
 * {@code /health/live} and {@code /health/ready} on its own host and port. Other methods on those paths are 405 with
 * {@code Allow: GET, HEAD}, methods outside RFC 9110 are 501, other paths 404, each an RFC 9457 problem. No access
 * log: a scraper polls it every few seconds. Its requests are counted in Vert.x's HTTP server metrics like the public
 * port's.
 */
public final class ManagementServer extends VerticleBase {

  /** The paths served, each for {@code GET} and {@code HEAD}. */
  public static final List<String> PATHS = List.of("/metrics", "/health/live", "/health/ready");

  /** A connection without traffic for this long is closed, in seconds. */
  public static final int IDLE_TIMEOUT_SECONDS = 120;

  private static final List<HttpMethod> READABLE = List.of(HttpMethod.GET, HttpMethod.HEAD);

  private final String host;
  private final int port;
  private final List<Handler<RoutingContext>> handlers;
  private @Nullable HttpServer server;

  private ManagementServer(String host, int port, List<Handler<RoutingContext>> handlers) {
    this.host = host;
    this.port = port;
    this.handlers = handlers;
  }

  /**
   * @param host interface to bind, e.g. {@code 127.0.0.1} ({@code management.host})
   * @param port TCP port, 0..65535; 0 picks a free one ({@code management.port})
   * @param metrics answers {@code GET /metrics}
   * @param live answers {@code GET /health/live}
   * @param ready answers {@code GET /health/ready}
   * @return the verticle; deploy it, then read {@link #actualPort()}
   */
  public static ManagementServer create(String host, int port, Handler<RoutingContext> metrics,
      Handler<RoutingContext> live, Handler<RoutingContext> ready) {
    return new ManagementServer(host, port, List.of(metrics, live, ready));
  }

  /** @return the bound port, once deployed */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(RequestIdHandler.create());
    router.route().handler(UnknownMethodHandler.create());
    for (int i = 0; i < PATHS.size(); i++) {
      router.route(PATHS.get(i)).method(HttpMethod.GET).method(HttpMethod.HEAD).handler(handlers.get(i));
      router.route(PATHS.get(i)).handler(MethodNotAllowedHandler.create(READABLE));
    }
    ProblemHandler problems = ProblemHandler.create();
    router.route().failureHandler(problems);
    for (int status : new int[] {404, 405, 500, 501}) {
      router.errorHandler(status, problems.forStatus(status));
    }
    // a scraper keeps its connection alive between scrapes (15 s to 1 min); anything quieter than that is closed
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
        .setHttp2ClearTextEnabled(false).setCompressionSupported(false).setIdleTimeout(IDLE_TIMEOUT_SECONDS));
    return server.requestHandler(router).listen();
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
