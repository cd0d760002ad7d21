package io.playgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * For requests the HTTP decoder rejects before any route sees them: a request line over the limit → 414, headers
 * over the limit → 431 (RFC 6585 §5), anything else malformed (a garbage request line, a missing {@code Host} on
 * HTTP/1.1) → 400. Like every other error, the body is RFC 9457 {@code application/problem+json}; the connection is
 * closed afterwards, since the rest of its bytes cannot be trusted.
 */
public final class InvalidRequestHandler implements Handler<HttpServerRequest> {

  private InvalidRequestHandler() {
  }

  /** @return the handler, for {@code HttpServer.invalidRequestHandler(…)} */
  public static InvalidRequestHandler create() {
    return new InvalidRequestHandler();
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    HttpResponseStatus status;
    String detail;
    if (cause instanceof TooLongHttpLineException) {
      status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
      detail = "the request line is too long";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
      detail = "the request headers are too large";
    } else {
      status = HttpResponseStatus.BAD_REQUEST;
      detail = "malformed HTTP request";
    }
    Problem problem = new Problem("about:blank", status.reasonPhrase(), status.code(), detail, null, null);
    request.response().setStatusCode(status.code())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Connection", "close")
        .end(problem.toBuffer())
        .onComplete(x -> request.connection().close());
  }
}
