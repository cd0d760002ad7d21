package io.playgate.gateway.http;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request-smuggling defence (RFC 9112 §6.1, §6.3, §3.2): a request whose message framing is ambiguous, or that
 * names more than one {@code Host}, gets one RFC 9457 problem response and then its connection is closed, so bytes
 * a front proxy may have framed differently (a request hidden in the body, or pipelined behind) are never
 * answered. Runs before the router, for every HTTP/1.x request:
 * <ul>
 *   <li>{@code Content-Length} together with {@code Transfer-Encoding} → 400. Netty's decoder would silently drop
 *       the {@code Content-Length} of an HTTP/1.1 request and read the body as chunked (the CL.TE desync), so
 *       {@link #connectionHandler()} swaps in a decoder that fails such a request instead; the HTTP server's
 *       invalid-request handler then answers 400 and closes, and the decoder discards every byte that follows;</li>
 *   <li>more than one {@code Host} line → 400 (RFC 9112 §3.2: MUST);</li>
 *   <li>{@code Transfer-Encoding} on HTTP/1.0 → 400 (§6.1: its framing is faulty);</li>
 *   <li>{@code chunked} not the final coding, or applied twice → 400 (§6.3: the body length cannot be determined);
 *       another coding before a final {@code chunked} (e.g. {@code gzip, chunked}) → 501 (§6.1: a coding we do not
 *       implement);</li>
 *   <li>conflicting or repeated {@code Content-Length} values are already refused by the decoder → 400 and closed
 *       (see {@link InvalidRequestHandler});</li>
 *   <li>a malformed chunked body (a chunk size that is not hex or overflows, a bad chunk delimiter, a malformed
 *       trailer: RFC 9112 §7.1) → 400 problem and close when a route is reading that body ({@link #watchBody}), else
 *       the connection is closed cleanly; either way one WARN line ({@code http.malformed-body}) and no stack trace.
 *       Left to Vert.x, the decoder's exception would reach the route as an unexplained failure (a 500 with a stack
 *       trace in the log) while the connection closes under it, and the response would never be sent.</li>
 * </ul>
 * Every request that arrives on a connection after a rejected one, well-formed ({@link #wrap(Handler)}) or not
 * ({@link #wrapInvalid(Handler)}), is dropped unanswered and the connection closed. All of it runs on the connection's event loop.
 */
public final class RequestFraming {

  /** Problem detail for a request with both Content-Length and Transfer-Encoding. */
  static final String CONTENT_LENGTH_AND_TRANSFER_ENCODING =
      "a request must not carry both Content-Length and Transfer-Encoding (RFC 9112 §6.1)";

  private static final Logger LOG = LoggerFactory.getLogger(RequestFraming.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final String DECODER = "httpDecoder";
  /** Problem detail for a malformed chunked body. */
  static final String MALFORMED_BODY = "malformed chunked body: a chunk size, chunk delimiter or trailer is invalid "
      + "(RFC 9112 §7.1)";
  /** The routing context reading each connection's request body now ({@link #watchBody}); entries leave at its end. */
  private static final Map<HttpConnection, RoutingContext> BODY_READERS = new ConcurrentHashMap<>();

  private final HttpServerOptions options;
  private final Set<HttpConnection> rejected = ConcurrentHashMap.newKeySet();

  private RequestFraming(HttpServerOptions options) {
    this.options = options;
  }

  /**
   * @param options the server's options (the replacement decoder keeps their line, header and chunk limits)
   * @return the guard; install {@link #connectionHandler()} and wrap the request handler with {@link #wrap(Handler)}
   */
  public static RequestFraming create(HttpServerOptions options) {
    return new RequestFraming(new HttpServerOptions(options));
  }

  /**
   * Swaps each new HTTP/1.x connection's request decoder for one that refuses Content-Length with Transfer-Encoding.
   * It runs while Vert.x sets the connection up, before its first byte is decoded. Vert.x has no public hook for
   * the decoder, so this reaches its pipeline through {@code ConnectionBase} (as Vert.x's own server does); should
   * a future Vert.x change that, it logs one WARN and the request-level check of {@link #wrap(Handler)} remains
   * (which sees both headers only on HTTP/1.0). {@code RequestFramingIT} fails if the swap stops working.
   *
   * @return for {@code HttpServer.connectionHandler(…)}
   */
  public Handler<HttpConnection> connectionHandler() {
    return conn -> {
      ChannelPipeline pipeline = conn instanceof ConnectionBase base ? base.channelHandlerContext().pipeline() : null;
      if (pipeline != null && pipeline.get(DECODER) instanceof VertxHttpRequestDecoder current
          && !(current instanceof StrictRequestDecoder)) {
        pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options, cause -> malformedBody(conn, cause)));
      } else if (pipeline == null || pipeline.get(DECODER) == null) {
        if (WARNED.compareAndSet(false, true)) {
          LOG.warn("cannot install the strict HTTP/1.1 request decoder on {}: a request with both Content-Length and "
              + "Transfer-Encoding is read as chunked", conn.getClass().getName());
        }
      }
    };
  }

  /**
   * Records that {@code ctx} is reading its request's body, so that a malformed chunk in it fails {@code ctx} with a
   * 400 {@link ProblemException} (then {@link ProblemHandler} answers and closes) instead of breaking the connection
   * under it. Call it from the platform step before a route's {@code BodyHandler}, on the request's event loop; the
   * record is dropped when the response ends or the connection closes.
   *
   * @param ctx the routing context about to read the body
   */
  public static void watchBody(RoutingContext ctx) {
    HttpConnection conn = ctx.request().connection();
    if (conn == null || ctx.request().isEnded()) {
      return;
    }
    BODY_READERS.put(conn, ctx);
    ctx.addEndHandler(v -> BODY_READERS.remove(conn, ctx));
  }

  /**
   * The decoder met a malformed chunk (and now discards everything that follows on the connection). On the
   * connection's event loop.
   */
  private void malformedBody(HttpConnection conn, Throwable cause) {
    rejected.add(conn);
    RoutingContext reader = BODY_READERS.remove(conn);
    boolean answer = reader != null && !reader.request().isEnded() && !reader.response().headWritten()
        && !reader.failed();
    LOG.warn("http.malformed-body client={} {} {} {} reason=\"{}\"",
        conn.remoteAddress() == null ? "-" : conn.remoteAddress().host(),
        answer ? reader.request().method() + " " + reader.request().path() : "-",
        answer ? "400" : "closed", MALFORMED_BODY.substring(0, MALFORMED_BODY.indexOf(':')), reason(cause));
    if (answer) {
      // the decoder has discarded the rest of the connection's bytes: answer, then close
      reader.fail(ProblemException.closingConnection(400, MALFORMED_BODY));
    } else {
      conn.close().onComplete(x -> rejected.remove(conn));
    }
  }

  /** @return the decoder's reason, printable and at most 100 characters (it may quote client bytes) */
  private static String reason(Throwable cause) {
    String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    text = text.replaceAll("[^\\x20-\\x7e]", "?").replace('"', '\'');
    return text.length() > 100 ? text.substring(0, 100) + "..." : text;
  }

  /**
   * @param next the server's request handler
   * @return a handler that answers a badly framed request itself (problem, then close) and passes the rest on
   */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return req -> {
      HttpConnection conn = req.connection();
      if (rejected.contains(conn)) {
        // pipelined behind a rejected request (or parsed out of its body): never answered
        conn.close();
        return;
      }
      Rejection r = check(req);
      if (r == null) {
        next.handle(req);
        return;
      }
      rejected.add(conn);
      InvalidRequestHandler.reject(req, r.status(), r.detail())
          .onComplete(x -> conn.close().onComplete(y -> rejected.remove(conn)));
    };
  }

  /**
   * @param next the server's invalid-request handler (a request head the decoder could not parse)
   * @return a handler that drops, unanswered, what follows a rejected request on its connection (e.g. the bytes of a
   *     body the client framed differently), and passes the rest on
   */
  public Handler<HttpServerRequest> wrapInvalid(Handler<HttpServerRequest> next) {
    return req -> {
      if (rejected.contains(req.connection())) {
        req.connection().close();
      } else {
        next.handle(req);
      }
    };
  }

  /** A refused request: its status and what was wrong. */
  record Rejection(int status, String detail) {
  }

  /**
   * @param req a request head as decoded
   * @return why it is refused, or {@code null} when its framing is sound
   */
  static @Nullable Rejection check(HttpServerRequest req) {
    MultiMap headers = req.headers();
    if (headers.getAll(HttpHeaders.HOST).size() > 1) {
      return new Rejection(400, "more than one Host header (RFC 9112 §3.2)");
    }
    List<String> te = headers.getAll(HttpHeaders.TRANSFER_ENCODING);
    if (te.isEmpty()) {
      return null;
    }
    if (headers.contains(HttpHeaders.CONTENT_LENGTH)) {
      return new Rejection(400, CONTENT_LENGTH_AND_TRANSFER_ENCODING);
    }
    if (req.version() == HttpVersion.HTTP_1_0) {
      return new Rejection(400, "Transfer-Encoding is not allowed in an HTTP/1.0 request (RFC 9112 §6.1)");
    }
    List<String> codings = new ArrayList<>();
    for (String line : te) {
      for (String coding : line.split(",")) {
        String c = coding.trim().toLowerCase(Locale.ROOT);
        if (!c.isEmpty()) {
          codings.add(c);
        }
      }
    }
    if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")
        || codings.indexOf("chunked") != codings.size() - 1) {
      return new Rejection(400, "Transfer-Encoding: chunked must be the final transfer coding, applied once "
          + "(RFC 9112 §6.3)");
    }
    if (codings.size() > 1) {
      return new Rejection(501, "Transfer-Encoding: only chunked is supported; send the body chunked or with a "
          + "Content-Length (RFC 9112 §6.1)");
    }
    return null;
  }
}
