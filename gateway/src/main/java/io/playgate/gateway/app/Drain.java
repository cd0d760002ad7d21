package io.playgate.gateway.app;

import io.playgate.gateway.http.ShutdownOptions;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state of a graceful shutdown, shared by every server instance: whether the node is draining, and the requests
 * it answered and cut since. {@link Playgate#drain()} runs the sequence (docs/operators.md "Stopping and restarting
 * a node"); this class is what the router and the readiness check see of it.
 *
 * <p>While draining, every answer carries {@code Connection: close} and its connection is shut down once the answer
 * is written (RFC 9112 §9.6), so no keep-alive connection outlives the drain by a request; the listener itself keeps
 * accepting connections until the grace has passed. Counters are updated on the event loops of the requests and read
 * by the drain's last step, after each server instance's event loop has run what was queued before it.
 */
final class Drain {

  private final ShutdownOptions options;
  private final LongAdder inFlight = new LongAdder();
  private final LongAdder finished = new LongAdder();
  private final LongAdder cut = new LongAdder();
  /** {@link System#nanoTime()} of the signal, 0 while serving. */
  private volatile long startNanos;

  /** @param options {@code shutdown.*}: the grace and the deadline */
  Drain(ShutdownOptions options) {
    this.options = options;
  }

  /** @return {@code shutdown.*} */
  ShutdownOptions options() {
    return options;
  }

  /** @return whether a drain has begun: readiness answers 503 from then on */
  boolean draining() {
    return startNanos != 0;
  }

  /** Starts draining now; later calls change nothing. */
  void begin() {
    if (startNanos == 0) {
      startNanos = Math.max(1, System.nanoTime());
    }
  }

  /** @return milliseconds since {@link #begin()}, 0 before it */
  long elapsedMillis() {
    return startNanos == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  /** @return milliseconds left until {@code shutdown.deadline}, at least 0 */
  long millisToDeadline() {
    return Math.max(0, options.deadline().toMillis() - elapsedMillis());
  }

  /**
   * The first platform handler: counts the request in flight until its answer ends (or its connection closes first);
   * while draining it marks the answer {@code Connection: close} and shuts the connection down after it.
   *
   * @return a handler for every route; it calls {@code next()}
   */
  Handler<RoutingContext> tracker() {
    return ctx -> {
      if (draining()) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        // HTTP/1.x: the connection closes once this answer is written; a request after it is never read
        ctx.request().connection().shutdown(millisToDeadline(), TimeUnit.MILLISECONDS);
      }
      inFlight.increment();
      ctx.addEndHandler(ar -> {
        inFlight.decrement();
        if (draining()) {
          (ar.succeeded() ? finished : cut).increment();
        }
      });
      ctx.next();
    };
  }

  /**
   * @return what the drain did so far: answers finished since the signal, requests that ended unanswered since
   *     (cut by the deadline, or abandoned by their client) plus those still in flight, and the time since the signal
   */
  Report report() {
    long cutSoFar = cut.sum();
    return new Report(finished.sum(), cutSoFar + inFlight.sum(), elapsedMillis());
  }

  /**
   * What a drain did.
   *
   * @param finished requests answered in full after the signal
   * @param cut requests that ended without their full answer after the signal, or were still in flight at the end
   * @param elapsedMillis milliseconds from the signal to the report
   */
  record Report(long finished, long cut, long elapsedMillis) {
  }
}
