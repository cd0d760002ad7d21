package io.playgate.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For requests the HTTP decoder rejects before any route sees them: a request line over the limit → 414, headers
 * over the limit → 431 (RFC 6585 §5), an HTTP-version other than 1.0 and 1.1 → 505 (RFC 9110 §15.6.6; a
 * malformed one → 400, see {@link RequestFraming}), anything else malformed (a garbage request line, a missing {@code Host} on
 * HTTP/1.1, Content-Length with Transfer-Encoding or conflicting Content-Lengths, see {@link RequestFraming}) → 400.
 * Like every other error, the body is RFC 9457 {@code application/problem+json}; the connection is
 * closed afterwards, since the rest of its bytes cannot be trusted.
 */
public final class InvalidRequestHandler implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(InvalidRequestHandler.class);

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
    } else if (cause instanceof StrictRequestDecoder.UnsupportedVersionException
        || cause instanceof StrictRequestDecoder.MalformedVersionException) {
      status = cause instanceof StrictRequestDecoder.UnsupportedVersionException
          ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST;
      detail = cause.getMessage();
    } else if (cause instanceof StrictRequestDecoder.MalformedTargetException) {
      status = HttpResponseStatus.BAD_REQUEST;
      detail = cause.getMessage();
    } else if (cause instanceof StrictRequestDecoder.AmbiguousFramingException) {
      status = HttpResponseStatus.BAD_REQUEST;
      detail = RequestFraming.CONTENT_LENGTH_AND_TRANSFER_ENCODING;
    } else if (cause != null && cause.getMessage() != null && cause.getMessage().contains("Content-Length")) {
      // Netty: "Multiple Content-Length values found", "Invalid Content-Length"
      status = HttpResponseStatus.BAD_REQUEST;
      detail = "a missing, invalid, repeated or conflicting Content-Length (RFC 9112 §6.3)";
    } else {
      status = HttpResponseStatus.BAD_REQUEST;
      detail = "malformed HTTP request";
    }
    reject(request, status.code(), detail).onComplete(x -> request.connection().close());
  }

  /**
   * Answers a request that never reaches the router with an RFC 9457 problem and {@code Connection: close}; the
   * caller closes the connection once the answer is written. Logs one INFO line ({@code http.reject}).
   *
   * @param request the request
   * @param status 400..599
   * @param detail what was wrong, shown to the client
   * @return completed when the response has been written
   */
  static Future<Void> reject(HttpServerRequest request, int status, String detail) {
    LOG.info("http.reject {} client={} {}", status,
        request.remoteAddress() == null ? "-" : request.remoteAddress().host(), detail);
    HttpResponseStatus s = HttpResponseStatus.valueOf(status);
    Problem problem = new Problem("about:blank", s.reasonPhrase(), status, detail, null, null);
    return request.response().setStatusCode(status)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Access-Control-Allow-Origin", "*")
        .putHeader("Connection", "close")
        .end(problem.toBuffer());
  }
}
