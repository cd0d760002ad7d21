package io.playgate.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.LoggerFormatter;
import java.util.regex.Pattern;

/**
 * The access log line: Vert.x's {@code SHORT} format ({@code client - METHOD uri version status bytes - N ms}) with
 * the value of every {@code access_token} query parameter replaced by {@code ***}, so partner API keys sent as
 * RFC 6750 §2.3 query parameters never reach a log file (RFC 6750 §5.3 warns that URLs are logged). A response that
 * never completed (the connection closed or broke first) says so: its status is {@code -} when no status line was
 * sent, and the line ends with {@code aborted}, instead of claiming the {@code 200} Vert.x starts every response
 * with.
 */
public final class AccessLogFormat implements LoggerFormatter {

  private static final Pattern ACCESS_TOKEN = Pattern.compile("([?&]access_token=)[^&#]*");

  private AccessLogFormat() {
  }

  /** @return the formatter, for {@code LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(…)} */
  public static AccessLogFormat create() {
    return new AccessLogFormat();
  }

  /**
   * @param uri a request target
   * @return the target with {@code access_token} values replaced by {@code ***}
   */
  public static String redact(String uri) {
    return uri == null || !uri.contains("access_token") ? uri : ACCESS_TOKEN.matcher(uri).replaceAll("$1***");
  }

  @Override
  public String format(RoutingContext ctx, long ms) {
    HttpServerRequest req = ctx.request();
    String version = switch (req.version()) {
      case HTTP_1_0 -> "HTTP/1.0";
      case HTTP_1_1 -> "HTTP/1.1";
      case HTTP_2 -> "HTTP/2.0";
    };
    String client = req.remoteAddress() == null ? "-" : req.remoteAddress().host();
    HttpServerResponse resp = req.response();
    String status = resp.ended() || resp.headWritten() ? Integer.toString(resp.getStatusCode()) : "-";
    return client + " - " + req.method() + " " + redact(req.uri()) + " " + version + " " + status
        + " " + resp.bytesWritten() + " - " + ms + " ms" + (resp.ended() ? "" : " aborted");
  }
}
