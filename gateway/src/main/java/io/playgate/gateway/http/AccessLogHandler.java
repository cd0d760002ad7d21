package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The access log: one line per request ({@link AccessLogFormat}), written when the response ends, to the logger
 * {@code io.vertx.ext.web.handler.LoggerHandler} (the name Vert.x Web's {@code LoggerHandler} uses, so existing
 * logback configurations keep routing it). Its level says whose fault the status is ({@link #level(int)}): Vert.x
 * Web's handler logs every 5xx at ERROR, which let any client write ERROR lines at will (a 501 for
 * {@code format=foo}); here a client's fault is WARN and only a server-side failure is ERROR.
 */
public final class AccessLogHandler implements Handler<RoutingContext> {

  /** The access logger's name. */
  public static final String LOGGER_NAME = "io.vertx.ext.web.handler.LoggerHandler";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  /** Routing-context key of {@link #expected(RoutingContext)}. */
  private static final String EXPECTED = AccessLogHandler.class.getName() + ".expected";
  private final AccessLogFormat format = AccessLogFormat.create();

  private AccessLogHandler() {
  }

  /** @return the handler, for {@code router.route()} first among the platform handlers */
  public static AccessLogHandler create() {
    return new AccessLogHandler();
  }

  /**
   * @param status the response status
   * @return INFO below 400; WARN for a client's fault: every 4xx (408 included) and 501 (RFC 9110 §15.6.2: the
   *     request asked for something the server does not implement, here an oEmbed {@code format} or a transfer
   *     coding); ERROR for every other 5xx (500, a hub failure's 502/504, the request timeout's 503)
   */
  public static Level level(int status) {
    if (status < 400) {
      return Level.INFO;
    }
    if (status < 500 || status == 501) {
      return Level.WARN;
    }
    return Level.ERROR;
  }

  /**
   * Marks this request's answer as the expected one whatever its status, logged at INFO: a draining node's
   * readiness 503 is what it must answer, not a fault.
   *
   * @param ctx the request
   */
  public static void expected(RoutingContext ctx) {
    ctx.put(EXPECTED, Boolean.TRUE);
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.currentTimeMillis();
    ctx.addEndHandler(v -> {
      String line;
      try {
        line = format.format(ctx, System.currentTimeMillis() - start);
      } catch (RuntimeException e) {
        line = "access log line failed: " + e;
      }
      // a response that never started has no status of its own: the client went away, which is not an error
      int status = ctx.response().ended() || ctx.response().headWritten() ? ctx.response().getStatusCode() : 200;
      switch (ctx.get(EXPECTED) != null ? Level.INFO : level(status)) {
        case ERROR -> LOG.error(line);
        case WARN -> LOG.warn(line);
        default -> LOG.info(line);
      }
    });
    ctx.next();
  }
}
