package io.playgate.gateway.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.playgate.gateway.hub.Visibility;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.LoggerFormatter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The access log line: Vert.x's {@code SHORT} format ({@code client - METHOD target version status bytes - N ms}),
 * with what must not reach a log file taken out of the request target:
 * <ul>
 *   <li>the value of every secret query parameter ({@link #SECRET_PARAMETERS}: partner API keys sent as RFC 6750
 *       §2.3 {@code access_token}, whose §5.3 warns that URLs are logged; signed-URL signatures {@code sig}) becomes
 *       {@code ***}. Names are compared after decoding them the way {@link QueryParams} does, so
 *       {@code access%5Ftoken} or {@code acc%65ss_token} is masked too; a name that cannot be decoded has its value
 *       masked as well;</li>
 *   <li>the id of a private or unlisted item ({@link Visibility#HIDDEN_ID_KEY}, set by whoever answered) becomes
 *       {@code <private>} wherever it appears, decoded, in a path segment or a parameter value (the {@code url} of
 *       {@code /oembed}).</li>
 * </ul>
 * Request headers ({@code Authorization} among them) are never logged. A response that never completed (the
 * connection closed or broke first) says so: its status is {@code -} when no status line was sent, and the line ends
 * with {@code aborted}, instead of claiming the {@code 200} Vert.x starts every response with.
 */
public final class AccessLogFormat implements LoggerFormatter {

  /** Query parameters whose values are never logged, compared case-insensitively after percent-decoding. */
  public static final Set<String> SECRET_PARAMETERS = Set.of("access_token", "sig", "signature", "token", "key",
      "api_key", "apikey", "password", "secret");

  /** What a secret parameter's value is logged as. */
  static final String MASK = "***";
  /** What a hidden media id is logged as. */
  static final String HIDDEN = "<private>";

  private AccessLogFormat() {
  }

  /** @return the formatter, for {@code LoggerHandler.create(LoggerFormat.CUSTOM).customFormatter(…)} */
  public static AccessLogFormat create() {
    return new AccessLogFormat();
  }

  /**
   * @param target a request target as received ({@code path?query}), or {@code null}
   * @return the target with secret parameter values replaced by {@code ***}
   */
  public static @Nullable String redact(@Nullable String target) {
    return redact(target, null);
  }

  /**
   * @param target a request target as received ({@code path?query}), or {@code null}
   * @param hiddenId a media id to show as {@code <private>}, or {@code null}
   * @return the target with secret parameter values replaced by {@code ***} and {@code hiddenId} by
   *     {@code <private>}; {@code null} for {@code null}
   */
  public static @Nullable String redact(@Nullable String target, @Nullable String hiddenId) {
    if (target == null) {
      return null;
    }
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    StringBuilder out = new StringBuilder(target.length());
    out.append(hiddenId == null ? path : hidePathSegments(path, hiddenId));
    if (q >= 0) {
      out.append('?');
      String[] pairs = target.substring(q + 1).split("&", -1);
      for (int i = 0; i < pairs.length; i++) {
        if (i > 0) {
          out.append('&');
        }
        out.append(redactPair(pairs[i], hiddenId));
      }
    }
    return out.toString();
  }

  private static String hidePathSegments(String path, String hiddenId) {
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String decoded = decode(segments[i], false);
      if (decoded != null && decoded.contains(hiddenId)) {
        segments[i] = HIDDEN;
      }
    }
    return String.join("/", segments);
  }

  private static String redactPair(String pair, @Nullable String hiddenId) {
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return pair;
    }
    String name = decode(pair.substring(0, eq), true);
    if (name == null || SECRET_PARAMETERS.contains(name.strip().toLowerCase(Locale.ROOT))) {
      return pair.substring(0, eq + 1) + MASK;
    }
    if (hiddenId != null) {
      String value = decode(pair.substring(eq + 1), true);
      if (value == null || value.contains(hiddenId)) {
        return pair.substring(0, eq + 1) + (value == null ? MASK : HIDDEN);
      }
    }
    return pair;
  }

  /** @return the percent-decoded text (UTF-8; {@code +} a space in a query), or {@code null} when malformed */
  private static @Nullable String decode(String raw, boolean query) {
    if (raw.indexOf('%') < 0 && (!query || raw.indexOf('+') < 0)) {
      return raw;
    }
    try {
      return query ? QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8)
          : QueryStringDecoder.decodeComponent(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
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
    Object hiddenId = ctx.get(Visibility.HIDDEN_ID_KEY);
    return client + " - " + req.method() + " " + redact(req.uri(), hiddenId instanceof String id ? id : null) + " "
        + version + " " + status + " " + resp.bytesWritten() + " - " + ms + " ms" + (resp.ended() ? "" : " aborted");
  }
}
