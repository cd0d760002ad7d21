package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Closes HTTP/1.x connections that do not deliver a complete request head in time: the defence against slow-loris
 * clients, which open many connections and dribble header bytes to hold them (the server's idle timeout alone
 * does not help: every byte resets it). Vert.x 5 has no request-head timeout of its own, so this one watches each
 * connection with a timer on its event loop:
 * <ul>
 *   <li>a new connection must deliver its first request head within {@code timeout};</li>
 *   <li>while a response is in progress (a long media download, a slow hub) nothing is closed: the request
 *       {@link io.vertx.ext.web.handler.TimeoutHandler} and the idle timeout govern that time;</li>
 *   <li>after a response, the next request head must arrive within one to two {@code timeout}s (the check runs
 *       once per {@code timeout}), which also bounds idle keep-alive connections.</li>
 * </ul>
 * No 408 is written: the request was never parsed, so the connection is closed cleanly (RFC 9110 §15.5.9 lets a
 * server close instead). Everything runs on the connection's event loop; the timers cost one per connection.
 */
public final class RequestHeaderTimeout {

  private final Vertx vertx;
  private final long timeoutMillis;
  private final Map<HttpConnection, Watch> watches = new ConcurrentHashMap<>();

  private RequestHeaderTimeout(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.timeoutMillis = Math.max(1, timeout.toMillis());
  }

  /**
   * @param vertx the Vert.x instance (timers)
   * @param timeout time allowed for a request head, {@code > 0}
   * @return the guard; install {@link #connectionHandler()} and wrap the request handler with {@link #wrap(Handler)}
   */
  public static RequestHeaderTimeout create(Vertx vertx, Duration timeout) {
    return new RequestHeaderTimeout(vertx, timeout);
  }

  /** @return for {@code HttpServer.connectionHandler(…)}: starts watching each new connection */
  public Handler<HttpConnection> connectionHandler() {
    return conn -> {
      Watch w = new Watch(conn);
      watches.put(conn, w);
      conn.closeHandler(v -> {
        watches.remove(conn);
        vertx.cancelTimer(w.timer);
      });
      w.arm();
    };
  }

  /**
   * @param next the server's request handler
   * @return a handler that records each complete request head on its connection, then calls {@code next}
   */
  public Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> next) {
    return req -> {
      Watch w = watches.get(req.connection());
      if (w != null) {
        w.requests++;
        w.current = req;
      }
      next.handle(req);
    };
  }

  /** @return connections being watched now (for tests and metrics) */
  public int watched() {
    return watches.size();
  }

  private final class Watch {
    final HttpConnection conn;
    long timer;
    long requestsAtArm;
    long requests;
    int quietChecks;
    @Nullable HttpServerRequest current;

    Watch(HttpConnection conn) {
      this.conn = conn;
    }

    void arm() {
      requestsAtArm = requests;
      timer = vertx.setTimer(timeoutMillis, id -> check());
    }

    void check() {
      if (!watches.containsKey(conn)) {
        return;
      }
      if (requests != requestsAtArm || (current != null && !current.response().ended())) {
        // a request head arrived, or a response is still being written: healthy
        quietChecks = 0;
        arm();
      } else if (current != null && ++quietChecks < 2) {
        // the previous response may have ended just now: give the next request one more period
        arm();
      } else {
        watches.remove(conn);
        conn.close();
      }
    }
  }
}
