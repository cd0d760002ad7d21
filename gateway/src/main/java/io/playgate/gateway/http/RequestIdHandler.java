package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Platform handler: gives each request an id, taken from a well-formed incoming {@code X-Request-Id} (1–64 of
 * {@code [A-Za-z0-9._-]}) or made up (16 hex digits), echoed in the {@code X-Request-Id} response header and in
 * problem bodies.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

  private static final String KEY = "playgate.requestId";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIdHandler() {
  }

  /** @return the handler */
  public static RequestIdHandler create() {
    return new RequestIdHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader("X-Request-Id");
    String id = incoming != null && SAFE.matcher(incoming).matches()
        ? incoming
        : Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    ctx.put(KEY, id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }

  /**
   * @param ctx the routing context
   * @return the request's id, or {@code null} before this handler ran
   */
  public static @Nullable String requestId(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
