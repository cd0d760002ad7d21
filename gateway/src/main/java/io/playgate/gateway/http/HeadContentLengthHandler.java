package io.playgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A platform handler that gives a {@code HEAD} answer the {@code Content-Length} its {@code GET} would have (RFC 9110
 * §9.3.2: the same header fields as for {@code GET}; §8.6). Handlers answer {@code HEAD} like {@code GET}, with the
 * whole body in one {@code end(…)}; Vert.x drops that body from a {@code HEAD} response but, unlike for a
 * {@code GET}, does not set {@code Content-Length} from it. So when the head is written, a {@code HEAD} response that
 * names no length, is not chunked and may have content (not 1xx, 204 or 304) gets the length of the body it was
 * given. A length a handler set itself (a file, a Range) is kept; a streamed ({@code chunked}) {@code GET} has no
 * length, and neither does its {@code HEAD}. Runs on the request's event loop.
 */
public final class HeadContentLengthHandler implements Handler<RoutingContext> {

  private HeadContentLengthHandler() {
  }

  /** @return the handler, for {@code router.route()} among the platform handlers */
  public static HeadContentLengthHandler create() {
    return new HeadContentLengthHandler();
  }

  /**
   * Marks a {@code HEAD} answer whose {@code GET} is streamed without a known length (a transcode relayed as it is
   * made), so it names no {@code Content-Length} rather than the 0 of its empty body. Call on the request's event
   * loop before the head is written.
   *
   * @param ctx the request's context
   */
  public static void lengthUnknown(RoutingContext ctx) {
    ctx.put(LENGTH_UNKNOWN, Boolean.TRUE);
  }

  private static final String LENGTH_UNKNOWN = HeadContentLengthHandler.class.getName() + ".lengthUnknown";

  @Override
  public void handle(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.addHeadersEndHandler(v -> {
        HttpServerResponse resp = ctx.response();
        int status = resp.getStatusCode();
        if (!resp.isChunked() && ctx.get(LENGTH_UNKNOWN) == null && !resp.headers().contains(HttpHeaders.CONTENT_LENGTH) && status >= 200
            && status != HttpResponseStatus.NO_CONTENT.code() && status != HttpResponseStatus.NOT_MODIFIED.code()) {
          // end(body) counts the body before it writes the head
          resp.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(resp.bytesWritten()));
        }
      });
    }
    ctx.next();
  }
}
