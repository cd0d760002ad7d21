package io.playgate.gateway.http;

import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.Visibility;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every error leaves as RFC 9457 {@code application/problem+json} with
 * {@code Cache-Control: no-store}, and every 401 carries a {@code WWW-Authenticate} challenge (the handler's, else
 * {@link #DEFAULT_CHALLENGE}). A browser navigating to a page ({@code GET}/{@code HEAD} of a page route, preferring
 * {@code text/html}) gets the same problem as a small HTML page in the player's look instead ({@link ProblemPage}),
 * with the same status; {@code /oembed} and other API clients always get the JSON ({@code Vary: Accept}).
 * {@link ProblemException} and {@link HubException} map to their statuses; a routing status (404 no route, 405, 413,
 * …) keeps its status; anything else is a 500 whose body says only "internal error" (the stack trace goes to the
 * log, never to the client). A failure that says the client's connection is gone (closed or reset while its body
 * was being read) has no one to answer: nothing is written, the connection is closed, and it is logged at DEBUG
 * only, since any client can cause it (the access log line says the response never completed).
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

  private final ProblemPage page;

  /** A failure's status and the detail shown to the client ({@code null} when the status says it all). */
  private record Outcome(int status, @Nullable String detail) {
  }

  private ProblemHandler(ProblemPage page) {
    this.page = page;
  }

  /**
   * Reads the widget assets' hashed URLs from the classpath (for the HTML page's stylesheet): call it while the
   * router is built, not per request.
   *
   * @return the handler, for {@code router.route().failureHandler(…)}
   */
  public static ProblemHandler create() {
    return new ProblemHandler(ProblemPage.load());
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
    Outcome outcome = outcome(ctx, failure, routerStatus);
    int status = outcome.status();
    String detail = outcome.detail();
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
    write(ctx, new Problem("about:blank", title, status, detail, ctx.request().path(), RequestIdHandler.requestId(ctx)),
        failure);
  }

  /** @return the status and detail for a failure, logging an unexpected one (500) with its stack trace */
  private static Outcome outcome(RoutingContext ctx, @Nullable Throwable failure, int routerStatus) {
    if (failure instanceof ProblemException pe) {
      return new Outcome(pe.status(), pe.getMessage());
    }
    if (failure instanceof HubException he) {
      if (he.failure() == HubFailure.PRIVATE) {
        Visibility.PRIVATE.hideInLogs(ctx, he.mediaId());
      }
      return new Outcome(he.failure().status(), he.failure().title());
    }
    if (failure instanceof HttpException he && he.getStatusCode() >= 400 && he.getStatusCode() < 500) {
      // Vert.x Web's own client errors, e.g. an undecodable query string ("%zz")
      return new Outcome(he.getStatusCode(), he.getStatusCode() == 400 ? MALFORMED : null);
    }
    int status = ctx.statusCode();
    if (status >= 400 && status < 500) {
      // a routing status (404 no route, 405) or Vert.x's fail(400, …) for an undecodable path
      return new Outcome(status, switch (status) {
        case 400 -> MALFORMED;
        case 404 -> "no such resource";
        case 413 -> "the request body is too large";
        default -> null;
      });
    }
    if (failure == null && status >= 500) {
      // e.g. 503 from the request TimeoutHandler
      return new Outcome(status, status == 503 ? "the request took too long; try again" : null);
    }
    if (routerStatus >= 400 && routerStatus < 500) {
      return new Outcome(routerStatus, routerStatus == 400 ? MALFORMED : null);
    }
    LOG.error("unhandled failure on {} {} requestId={}", ctx.request().method(), ctx.request().path(),
        RequestIdHandler.requestId(ctx), failure);
    return new Outcome(500, "internal error");
  }

  /** Writes the problem as JSON, or as the HTML page for a browser's page request; closes when it must. */
  private void write(RoutingContext ctx, Problem problem, @Nullable Throwable failure) {
    HttpServerResponse resp = ctx.response();
    int status = problem.status();
    // a failing handler may already have set page headers; an error body gets its own
    resp.headers().remove("Content-Security-Policy").remove("Link").remove("ETag");
    resp.setStatusCode(status)
        .putHeader("Cache-Control", "no-store")
        // public, credential-free data: let browser clients of /oembed read why a request failed
        .putHeader("Access-Control-Allow-Origin", "*");
    Buffer body;
    if (page.wanted(ctx)) {
      SecurityHeaders.htmlPage(resp, page.csp(ctx));
      body = page.render(problem, failure);
    } else {
      resp.putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("X-Content-Type-Options", "nosniff");
      body = problem.toBuffer();
    }
    resp.headers().add("Vary", "Accept");
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
      resp.end(body).onComplete(x -> ctx.request().connection().close());
      return;
    }
    resp.end(body);
  }

  /**
   * @param failure a routing failure, or {@code null}
   * @return whether it says the client's connection closed or broke (Vert.x reports it to the request's reader,
   *     e.g. Vert.x Web's {@code BodyHandler}, which fails the context with it)
   */
  private static boolean connectionLost(@Nullable Throwable failure) {
    return failure instanceof HttpClosedException || failure instanceof SocketException
        || failure instanceof ClosedChannelException
        // Netty's decoder on a connection that closed mid-body (PrematureChannelClosureException) and its
        // native-transport "connection reset" (Errors.NativeIoException)
        || failure instanceof PrematureChannelClosureException
        || failure instanceof java.io.IOException && failure.getClass().getName().startsWith("io.netty.");
  }
}
