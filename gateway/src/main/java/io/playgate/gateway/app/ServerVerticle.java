package io.playgate.gateway.app;

import io.playgate.gateway.http.InvalidRequestHandler;
import io.playgate.gateway.http.LimitsOptions;
import io.playgate.gateway.http.RequestFraming;
import io.playgate.gateway.http.RequestHeaderTimeout;
import io.playgate.gateway.http.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP server on its own event loop. The first instance binds before its router exists (the router needs the
 * bound port); requests arriving in that instant get 503.
 */
final class ServerVerticle extends VerticleBase {

  private final ServerOptions server;
  private final LimitsOptions limits;
  private final int port;
  private final AtomicReference<@Nullable Router> router = new AtomicReference<>();
  private @Nullable HttpServer httpServer;

  /**
   * @param server {@code server.*}: the interface to bind
   * @param limits {@code limits.*}: request line, header, idle and request-head limits
   * @param port the port to bind: {@code server.port} for the first instance, the first one's bound port after it
   */
  ServerVerticle(ServerOptions server, LimitsOptions limits, int port) {
    this.server = server;
    this.limits = limits;
    this.port = port;
  }

  void route(Router r) {
    router.set(r);
  }

  int actualPort() {
    return httpServer.actualPort();
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions()
        .setHost(server.host())
        .setPort(port)
        // no gzip: bodies are small, and compressing needs Vary and must spare media and ranges (later)
        .setCompressionSupported(false)
        // HTTP/1.1 only for now: a failed h2c upgrade left the connection open until the idle timeout
        .setHttp2ClearTextEnabled(false)
        // no WebSocket is served: without the compression extensions Netty's pipeline has no WebSocket extension
        // handler for every request and response to pass through
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setTcpNoDelay(true)
        // 414, 431 from the decoder via InvalidRequestHandler; 413 from the body limits
        .setMaxInitialLineLength(limits.maxRequestLineBytes())
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout((int) limits.idleTimeout().toMillis());
    RequestHeaderTimeout headerTimeout = RequestHeaderTimeout.create(vertx, limits.requestHeaderTimeout());
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
    httpServer = vertx.createHttpServer(options).requestHandler(headerTimeout.wrap(framing.wrap(handler)))
        .connectionHandler(conn -> {
          strictDecoder.handle(conn);
          watchTime.handle(conn);
        })
        .invalidRequestHandler(framing.wrapInvalid(InvalidRequestHandler.create()));
    return httpServer.listen();
  }

  /**
   * Closes the listener and shuts every connection down: idle ones at once, busy ones once their answer is written
   * or, at the latest, after the timeout ({@link HttpServer#shutdown(long, TimeUnit)}).
   *
   * @param timeout how long connections with a request in flight may take
   * @return a future completed when every connection is closed
   */
  Future<Void> shutdown(Duration timeout) {
    return httpServer == null ? Future.succeededFuture()
        : httpServer.shutdown(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * @return a future completed on this instance's event loop once it has run everything queued before the call
   *     (for example the end handlers of requests a shutdown closed)
   */
  Future<Void> settle() {
    Promise<Void> settled = Promise.promise();
    context.runOnContext(v -> settled.complete());
    return settled.future();
  }

  @Override
  public Future<?> stop() {
    return httpServer == null ? Future.succeededFuture() : httpServer.close();
  }
}
