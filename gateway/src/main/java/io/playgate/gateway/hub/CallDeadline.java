package io.playgate.gateway.hub;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The total deadline of a hub call, from preparing the request to the last body byte, for every call a
 * {@link WebClient} makes (the hub API v1 client and the Subsonic adapter): a WebClient interceptor starts a timer
 * when a call is prepared; when it fires, it resets the HTTP stream (closing an HTTP/1.1 connection) and fails the
 * call with an exception {@link #passed} recognises, so a hub that drips one byte at a time cannot hold a connection
 * past it. Any failure also resets a response still being received, so its connection is not left half-read. Uses
 * the WebClient interceptor SPI ({@code io.vertx.ext.web.client.impl.HttpContext}, ARCHITECTURE.md "Vert.x internals
 * we touch").
 */
public final class CallDeadline {

  private static final String DEADLINE_TIMER = "playgate.deadlineTimer";

  private CallDeadline() {
  }

  /**
   * @param vertx the Vert.x instance whose timers run the deadline
   * @param client the client every call of which gets the deadline
   * @param timeout the deadline of one call, positive
   */
  public static void install(Vertx vertx, WebClient client, Duration timeout) {
    client.addInterceptor(ctx -> enforce(vertx, timeout.toMillis(), ctx));
  }

  /**
   * @param failure a failed call's cause
   * @return whether it (or a cause of it) is the deadline passing
   */
  public static boolean passed(@Nullable Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (isDeadline(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param failure one exception
   * @return whether it is the deadline passing itself (not looking at its causes)
   */
  public static boolean isDeadline(Throwable failure) {
    return failure instanceof DeadlineException;
  }

  private static void enforce(Vertx vertx, long timeoutMillis, HttpContext<?> ctx) {
    switch (ctx.phase()) {
      case PREPARE_REQUEST -> {
        long timer = vertx.setTimer(timeoutMillis, t -> {
          DeadlineException deadline = new DeadlineException();
          resetStream(ctx, deadline);
          ctx.fail(deadline);
        });
        ctx.set(DEADLINE_TIMER, timer);
      }
      case DISPATCH_RESPONSE -> cancelTimer(vertx, ctx);
      case FAILURE -> {
        cancelTimer(vertx, ctx);
        resetStream(ctx, ctx.failure());
      }
      default -> {
      }
    }
    ctx.next();
  }

  private static void cancelTimer(Vertx vertx, HttpContext<?> ctx) {
    Long timer = ctx.get(DEADLINE_TIMER);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private static void resetStream(HttpContext<?> ctx, Throwable cause) {
    HttpClientRequest req = ctx.clientRequest();
    HttpClientResponse resp = ctx.clientResponse();
    if (req != null) {
      req.reset(0, cause);
    } else if (resp != null && ctx.phase() != ClientPhase.DISPATCH_RESPONSE) {
      resp.request().reset(0, cause);
    }
  }

  /** The total deadline of a call passed. */
  static final class DeadlineException extends RuntimeException {
    DeadlineException() {
      super("hub call deadline passed", null, false, false);
    }
  }
}
