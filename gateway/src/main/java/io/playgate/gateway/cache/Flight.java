package io.playgate.gateway.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one hub request in flight for an id and the callers waiting for its answer, grouped by the Vert.x context they
 * called from. When the answer arrives, each context gets one task that completes all of its callers in a row,
 * rather than one task (and one context hop) per caller: a thousand callers spread over two event loops cost two
 * tasks (ARCHITECTURE.md, "The hot path").
 *
 * <p>Thread-safe: callers join from any event loop while the answer arrives on the hub client's. A caller that
 * joins off a context, or after the answer, is completed on the thread that completes the flight, or at once.
 */
final class Flight {

  private static final Logger LOG = LoggerFactory.getLogger(Flight.class);

  /** Callers without a context, completed on the completing thread. */
  private static final Object NO_CONTEXT = new Object();

  private Map<Object, List<Promise<CachedMedia>>> waiting = new IdentityHashMap<>(4);
  private @Nullable CachedMedia result;
  private @Nullable Throwable failure;
  private boolean done;

  /**
   * Waits for the answer.
   *
   * @param ctx the caller's context, or {@code null} off a context
   * @return a future completed on {@code ctx} (or, off a context, on the thread that completes the flight) with the
   *     entry, or failed with the flight's failure; already completed when the flight is
   */
  Future<CachedMedia> join(@Nullable Context ctx) {
    Promise<CachedMedia> promise;
    synchronized (this) {
      if (!done) {
        promise = Promise.promise();
        waiting.computeIfAbsent(ctx == null ? NO_CONTEXT : ctx, k -> new ArrayList<>()).add(promise);
        return promise.future();
      }
    }
    return result != null ? Future.succeededFuture(result) : Future.failedFuture(failure);
  }

  /**
   * Completes every caller with the entry; callers on a context in one task per context.
   *
   * @param entry the hub's answer as a cache entry
   */
  void succeed(CachedMedia entry) {
    release(entry, null);
  }

  /**
   * Fails every caller; callers on a context in one task per context.
   *
   * @param cause the failure, usually a {@link io.playgate.gateway.hub.HubException}
   */
  void fail(Throwable cause) {
    release(null, cause);
  }

  private void release(@Nullable CachedMedia entry, @Nullable Throwable cause) {
    Map<Object, List<Promise<CachedMedia>>> groups;
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      result = entry;
      failure = cause;
      groups = waiting;
      waiting = Map.of();
    }
    for (Map.Entry<Object, List<Promise<CachedMedia>>> group : groups.entrySet()) {
      List<Promise<CachedMedia>> promises = group.getValue();
      if (group.getKey() instanceof Context ctx) {
        ctx.runOnContext(v -> completeAll(promises, entry, cause));
      } else {
        completeAll(promises, entry, cause);
      }
    }
  }

  /** One caller's handler that throws must not keep the others waiting: it is logged, and the loop goes on. */
  private static void completeAll(List<Promise<CachedMedia>> promises, @Nullable CachedMedia entry,
      @Nullable Throwable cause) {
    for (Promise<CachedMedia> p : promises) {
      try {
        if (entry != null) {
          p.complete(entry);
        } else {
          p.fail(cause);
        }
      } catch (RuntimeException e) {
        LOG.error("cache.waiter a caller's handler threw while the hub's answer was handed out", e);
      }
    }
  }
}
