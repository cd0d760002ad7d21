package io.playgate.gateway.http;

import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.Visibility;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as RFC 9457 {@code application/problem+json} with
 * {@code Cache-Control: no-store}, and every 401 carries a {@code WWW-Authenticate} challenge (the handler's, else
 * {@link #DEFAULT_CHALLENGE}). {@link ProblemException} and {@link HubException} map to their statuses; a
 * routing status (404 no route, 405, 413, …) keeps its status; anything else is a 500 whose body says only
 * "internal error" (the stack trace goes to the log, never to the client). A failure that says the client's
 * connection is gone (closed or reset while its body was being read) has no one to answer: nothing is written, the
 * connection is closed, and it is logged at DEBUG only, since any client can cause it (the access log line says the
 * response never completed).
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  /**
   * The challenge of a 401 whose handler set none (RFC 9110 §11.6.1: a 401 MUST carry {@code WWW-Authenticate}): the
   * gateway's one credential is a partner key sent as an RFC 6750 bearer token.
   */
  public static final String DEFAULT_CHALLENGE = "Bearer realm=\"playgate\"";

  private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String MALFORMED =
      "malformed request: a missing or invalid Host header, or a bad percent-escape in the path or query";

  private ProblemHandler() {
  }

  /** @return the handler, for {@code router.route().failureHandler(…)} */
  public static ProblemHandler create() {
    return new ProblemHandler();
  }

  /**
   * A handler for {@code router.errorHandler(status, …)}: Vert.x calls those for failures it meets while routing
   * (an undecodable path parameter is a 400) without always recording the status on the context.
   *
   * @param status the status the router chose, 400..599
   * @return a handler that answers with that status unless the context says otherwise
   */
  public Handler<RoutingContext> forStatus(int status) {
    return ctx -> respond(ctx, status);
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 500);
  }

  private void respond(RoutingContext ctx, int routerStatus) {
    HttpServerResponse resp = ctx.response();
    if (resp.headWritten()) {
      resp.reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (connectionLost(failure)) {
      LOG.debug("client connection lost on {} {} requestId={}: {}", ctx.request().method(), ctx.request().path(),
          RequestIdHandler.requestId(ctx), failure.toString());
      ctx.request().connection().close();
      return;
    }
    int status;
    String detail;
    if (failure instanceof ProblemException pe) {
      status = pe.status();
      detail = pe.getMessage();
    } else if (failure instanceof HubException he) {
      if (he.failure() == HubFailure.PRIVATE) {
        Visibility.PRIVATE.hideInLogs(ctx, he.mediaId());
      }
      status = he.failure().status();
      detail = he.failure().title();
    } else if (failure instanceof HttpException he && he.getStatusCode() >= 400 && he.getStatusCode() < 500) {
      // Vert.x Web's own client errors, e.g. an undecodable query string ("%zz")
      status = he.getStatusCode();
      detail = status == 400 ? MALFORMED : null;
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      // a routing status (404 no route, 405) or Vert.x's fail(400, …) for an undecodable path
      status = ctx.statusCode();
      detail = switch (status) {
        case 400 -> MALFORMED;
        case 404 -> "no such resource";
        case 413 -> "the request body is too large";
        default -> null;
      };
    } else if (failure == null && ctx.statusCode() >= 500) {
      // e.g. 503 from the request TimeoutHandler
      status = ctx.statusCode();
      detail = status == 503 ? "the request took too long; try again" : null;
    } else if (routerStatus >= 400 && routerStatus < 500) {
      status = routerStatus;
      detail = status == 400 ? MALFORMED : null;
    } else {
      status = 500;
      detail = "internal error";
      LOG.error("unhandled failure on {} {} requestId={}", ctx.request().method(), ctx.request().path(),
          RequestIdHandler.requestId(ctx), failure);
    }
    if (status == 405) {
      // Routes answers 405 itself with the path's real methods; this is for a 405 the router made (e.g. inside the
      // hub's sub-router), whose routes are all GET/HEAD
      if (!resp.headers().contains("Allow")) {
        resp.putHeader("Allow", "GET, HEAD");
      }
      if (detail == null) {
        detail = MethodNotAllowedHandler.detail(ctx.request().method().name(), resp.headers().get("Allow"));
      }
    }
    String title = HttpResponseStatus.valueOf(status).reasonPhrase();
    Problem problem = new Problem("about:blank", title, status, detail, ctx.request().path(),
        RequestIdHandler.requestId(ctx));
    // a failing handler may already have set page headers; an error body gets its own
    resp.headers().remove("Content-Security-Policy").remove("Link").remove("ETag");
    resp.setStatusCode(status)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        // public, credential-free data: let browser clients of /oembed read why a request failed
        .putHeader("Access-Control-Allow-Origin", "*");
    if (status == 401 && !resp.headers().contains("WWW-Authenticate")) {
      resp.putHeader("WWW-Authenticate", DEFAULT_CHALLENGE);
    }
    if (status == 413) {
      // the body was not read: close rather than consume it
      resp.putHeader("Connection", "close");
    }
    if (status == 408 || failure instanceof ProblemException pe && pe.closesConnection()) {
      // RFC 9110 §15.5.9: the server closes rather than keep waiting for the rest of the body (408), or the rest of
      // the request's bytes cannot be trusted
      resp.putHeader("Connection", "close");
      resp.end(problem.toBuffer()).onComplete(x -> ctx.request().connection().close());
      return;
    }
    resp.end(problem.toBuffer());
  }

  /**
   * @param failure a routing failure, or {@code null}
   * @return whether it says the client's connection closed or broke (Vert.x reports it to the request's reader,
   *     e.g. Vert.x Web's {@code BodyHandler}, which fails the context with it)
   */
  private static boolean connectionLost(Throwable failure) {
    return failure instanceof HttpClosedException || failure instanceof SocketException
        || failure instanceof ClosedChannelException
        // Netty's decoder on a connection that closed mid-body (PrematureChannelClosureException) and its
        // native-transport "connection reset" (Errors.NativeIoException)
        || failure instanceof PrematureChannelClosureException
        || failure instanceof java.io.IOException && failure.getClass().getName().startsWith("io.netty.");
  }
}
