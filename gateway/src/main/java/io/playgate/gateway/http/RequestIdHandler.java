package io.playgate.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Platform handler: the request's id, for support and the logs. A well-formed incoming {@code X-Request-Id} (1–64 of
 * {@code [A-Za-z0-9._-]}, e.g. from a load balancer) is the id and is echoed in the {@code X-Request-Id} response
 * header at once. Without one, an id (16 hex digits) is made up only when something asks for it
 * ({@link #requestId}: every problem body and error log line does), and then sent in {@code X-Request-Id} too while
 * the head is not yet written; a hot 200 neither draws a random number nor carries the header.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {

  private static final String KEY = "playgate.requestId";
  /** Stands in the context for "this handler ran, no id made up yet". */
  private static final String NOT_YET = "";
  private static final CharSequence HEADER = HttpHeaders.createOptimized("X-Request-Id");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIdHandler() {
  }

  /** @return the handler */
  public static RequestIdHandler create() {
    return new RequestIdHandler();
  }

  @Override
  public void handle(RoutingContext ctx) {
    String incoming = ctx.request().getHeader(HEADER);
    if (incoming != null && SAFE.matcher(incoming).matches()) {
      ctx.put(KEY, incoming);
      ctx.response().putHeader(HEADER, incoming);
    } else {
      ctx.put(KEY, NOT_YET);
    }
    ctx.next();
  }

  /**
   * The request's id: the incoming one, or one made up now (and kept for the rest of the request), which is also
   * sent in {@code X-Request-Id} unless the response head is already written. Call on the request's event loop.
   *
   * @param ctx the routing context
   * @return the request's id, or {@code null} before this handler ran
   */
  public static @Nullable String requestId(RoutingContext ctx) {
    String id = ctx.get(KEY);
    if (id == null || !id.isEmpty()) {
      return id;
    }
    String made = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    ctx.put(KEY, made);
    if (!ctx.response().headWritten()) {
      ctx.response().putHeader(HEADER, made);
    }
    return made;
  }
}
