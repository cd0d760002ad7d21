package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A platform handler that answers 413 (RFC 9110 §15.5.14) to any request whose declared {@code Content-Length}
 * exceeds {@code limits.maxBodySize}, before a byte of the body is read and whatever the route; the problem
 * handler then closes the connection, so the unread body is never consumed. A chunked body has no declared length:
 * a route that reads bodies bounds it with its own {@code BodyHandler} limit; on any other route Vert.x discards
 * the body unread.
 */
public final class RequestBodyLimitHandler implements Handler<RoutingContext> {

  private final long maxBodyBytes;

  private RequestBodyLimitHandler(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * @param maxBodyBytes largest accepted body in bytes, {@code >= 0}
   * @return the handler, for {@code router.route()} before the capability routes
   */
  public static RequestBodyLimitHandler create(long maxBodyBytes) {
    return new RequestBodyLimitHandler(maxBodyBytes);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared.trim());
      } catch (NumberFormatException e) {
        length = Long.MAX_VALUE;
      }
      if (length > maxBodyBytes) {
        ctx.fail(413);
        return;
      }
    }
    ctx.next();
  }
}
