package io.playgate.gateway.http;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Duration;

/**
 * Answers 408 Request Timeout (RFC 9110 §15.5.9) when a request's body has not fully arrived within
 * {@code limits.requestBodyTimeout} of the route starting to read it; the problem handler then closes the connection
 * (the rest of the body is not waited for). Mount it just before the {@code BodyHandler} of each route that reads a
 * body (a {@link PlatformHandler}, so Vert.x Web lets it precede the {@code BodyHandler}). Unlike Vert.x Web's {@code TimeoutHandler}, the clock stops once the body is in: only a slow client is
 * answered 408, never a slow handler (that is the request timeout's 503). The timer runs on the request's event
 * loop and is cancelled when the response ends. It also tells {@link RequestFraming#watchBody} that this route reads
 * the body, so that a malformed chunked body is answered 400 here rather than breaking the connection.
 */
public final class RequestBodyTimeoutHandler implements PlatformHandler {

  private final long timeoutMillis;
  private final String detail;

  private RequestBodyTimeoutHandler(Duration timeout) {
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.detail = "the request body did not arrive within " + timeout.toString().substring(2).toLowerCase()
        + " (limits.requestBodyTimeout)";
  }

  /**
   * @param timeout time allowed for the whole body, {@code > 0}
   * @return the handler
   */
  public static RequestBodyTimeoutHandler create(Duration timeout) {
    return new RequestBodyTimeoutHandler(timeout);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      long timer = ctx.vertx().setTimer(timeoutMillis, id -> {
        if (!ctx.request().isEnded() && !ctx.response().ended() && !ctx.failed()) {
          ctx.fail(new ProblemException(408, detail));
        }
      });
      ctx.addEndHandler(v -> ctx.vertx().cancelTimer(timer));
      RequestFraming.watchBody(ctx);
    }
    ctx.next();
  }
}
