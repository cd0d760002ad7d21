package io.playgate.gateway.cache;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where a node shares the takedowns and updates it received with the other nodes of its cluster (ARCHITECTURE.md,
 * "Takedown propagation"). The node that received the hub's webhook applies the event to its own {@link MediaCache}
 * first ({@link MediaCache#takedown(java.util.Collection)} or {@link MediaCache#invalidate(java.util.Collection)},
 * which never publish), then publishes it here; every other node applies it to its own cache when it reads it. A
 * node without a cluster uses {@link #LOCAL}.
 */
@FunctionalInterface
public interface InvalidationBus {

  /** What happened to the ids. */
  enum Kind {
    /** {@code media.removed}: purge and remember the takedown ({@link MediaCache#takedown(java.util.Collection)}). */
    REMOVED,
    /** {@code media.updated}: purge ({@link MediaCache#invalidate(java.util.Collection)}). */
    UPDATED
  }

  /** The bus of a node on its own: nothing to share; publishing succeeds at once. */
  InvalidationBus LOCAL = (kind, ids) -> Future.succeededFuture();

  /**
   * Shares an event the caller has already applied to its own cache.
   *
   * @param kind removed or updated
   * @param ids 1..1000 media ids matching {@link io.playgate.gateway.hub.MediaItem#ID}
   * @return completes once the event is stored where every node will read it (on the caller's Vert.x context);
   *     fails when it could not be stored (e.g. Redis unreachable): the other nodes have not learnt of it, and the
   *     caller should have the event sent again
   */
  Future<Void> publish(Kind kind, List<String> ids);
}
