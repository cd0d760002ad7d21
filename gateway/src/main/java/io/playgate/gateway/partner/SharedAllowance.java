package io.playgate.gateway.partner;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Queue;
import org.jspecify.annotations.Nullable;

/**
 * One partner's share of a cluster-wide bucket on this node (ARCHITECTURE.md, "Shared rate limits"): tokens taken
 * from {@link SharedBuckets} in batches of {@link #batchSize} and spent one per request, so a request pays a round
 * trip to the store only when the node's allowance is empty, and then shares it with every request that arrives
 * meanwhile. An empty shared bucket is remembered until it holds a token again (no round trip per refused request).
 * While the store cannot be asked, the node limits on its own with a local Bucket4j bucket of its share:
 * {@code capacity / liveNodes} per period. Thread-safe (one lock, held for a few field updates).
 */
final class SharedAllowance {

  /** A request's outcome. */
  record Decision(boolean allowed, long retryAfterNanos) {
  }

  static final Decision ALLOWED = new Decision(true, 0);
  private static final Future<Decision> ALLOWED_NOW = Future.succeededFuture(ALLOWED);

  private final String name;
  private final RateLimit limit;
  private final SharedBuckets shared;
  private final TimeMeter clock;
  private final Queue<Promise<Decision>> waiting = new ArrayDeque<>();
  private long held;
  private long refusedUntilNanos = Long.MIN_VALUE;
  private boolean taking;
  private int fallbackNodes;
  private @Nullable Bucket fallback;

  SharedAllowance(String name, RateLimit limit, SharedBuckets shared, TimeMeter clock) {
    this.name = name;
    this.limit = limit;
    this.shared = shared;
    this.clock = clock;
  }

  /**
   * @param capacity the bucket's capacity
   * @param nodes live nodes, at least 1
   * @return tokens taken at once: a tenth of the node's share, 1..100, so at most {@code capacity / 10} tokens are
   *     held unused across the cluster at any time
   */
  static long batchSize(long capacity, int nodes) {
    return Math.max(1, Math.min(100, capacity / (10L * Math.max(1, nodes))));
  }

  /** @return the outcome for one request: at once from the allowance, else after one take for all who wait */
  synchronized Future<Decision> acquire() {
    if (held > 0) {
      held--;
      return ALLOWED_NOW;
    }
    if (!shared.available()) {
      return Future.succeededFuture(alone());
    }
    long now = clock.currentTimeNanos();
    if (now < refusedUntilNanos && waiting.isEmpty()) {
      return Future.succeededFuture(new Decision(false, refusedUntilNanos - now));
    }
    Promise<Decision> mine = Promise.promise();
    waiting.add(mine);
    if (!taking) {
      taking = true;
      takeFor(1);
    }
    return mine.future();
  }

  /** One round trip for a batch, or for as many as wait when more do (tokens they spend at once). */
  private void takeFor(int waiters) {
    long tokens = Math.min(limit.capacity(), Math.max(waiters, batchSize(limit.capacity(), shared.liveNodes())));
    shared.take(name, limit, tokens).onComplete(ar -> taken(ar.succeeded() ? ar.result() : null));
  }

  /** @return tokens this node holds now */
  synchronized long held() {
    return held;
  }

  private void taken(SharedBuckets.@Nullable Grant grant) {
    Queue<Promise<Decision>> served = new ArrayDeque<>();
    Queue<Decision> outcomes = new ArrayDeque<>();
    int again = 0;
    synchronized (this) {
      taking = false;
      long now = clock.currentTimeNanos();
      if (grant != null) {
        held += grant.tokens();
        if (grant.tokens() == 0) {
          refusedUntilNanos = now + grant.retryAfterMillis() * 1_000_000L;
        }
      }
      boolean empty = grant != null && grant.tokens() == 0;
      while (!waiting.isEmpty() && (grant == null || held > 0 || empty)) {
        served.add(waiting.poll());
        outcomes.add(grant == null ? alone() : held > 0 ? spend()
            : new Decision(false, Math.max(0, refusedUntilNanos - now)));
      }
      if (!waiting.isEmpty()) {
        taking = true; // the bucket gave all it was asked for and more wait: ask again for them
        again = waiting.size();
      }
    }
    while (!served.isEmpty()) {
      served.poll().complete(outcomes.poll());
    }
    if (again > 0) {
      takeFor(again);
    }
  }

  private Decision spend() {
    held--;
    return ALLOWED;
  }

  /** The node on its own: its share of the limit, from the store's last count of live nodes. */
  private Decision alone() {
    int nodes = Math.max(1, shared.liveNodes());
    Bucket bucket = fallback;
    if (bucket == null || nodes != fallbackNodes) {
      long share = Math.max(1, limit.capacity() / nodes);
      bucket = Bucket.builder().addLimit(l -> l.capacity(share).refillGreedy(share, limit.period()))
          .withCustomTimePrecision(clock).build();
      fallback = bucket;
      fallbackNodes = nodes;
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? ALLOWED : new Decision(false, probe.getNanosToWaitForRefill());
  }
}
