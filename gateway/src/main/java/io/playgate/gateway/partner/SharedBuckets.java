package io.playgate.gateway.partner;

import io.vertx.core.Future;

/**
 * Token buckets one for the whole cluster (ARCHITECTURE.md, "Shared rate limits"): each node takes tokens from them
 * in small batches and spends them locally ({@link RateLimitHandler}). The arithmetic is Bucket4j's greedy refill
 * ({@code capacity} tokens added evenly over each {@code period}, never more than {@code capacity} held), on the
 * shared store's clock.
 */
public interface SharedBuckets {

  /**
   * What a take gave.
   *
   * @param tokens tokens granted, 0..the tokens asked for
   * @param retryAfterMillis when none was granted: milliseconds until the bucket holds one again (0 otherwise)
   */
  record Grant(long tokens, long retryAfterMillis) {
  }

  /**
   * Takes up to {@code tokens} tokens from a bucket, creating it full on first use.
   *
   * @param name the bucket's name, e.g. a partner's name
   * @param limit its capacity and refill period
   * @param tokens how many to take, 1..{@code limit.capacity()}
   * @return the grant, completed on the caller's Vert.x context (or an event loop of the store's client); failed
   *     when the store cannot be asked (the caller limits on its own then)
   */
  Future<Grant> take(String name, RateLimit limit, long tokens);

  /** @return whether the store is in use now (false while it is known to be unreachable) */
  boolean available();

  /**
   * @return how many nodes share the buckets, as last heard from the store (at least 1); a node limits at its share
   *     ({@code capacity / liveNodes}) while the store cannot be reached
   */
  int liveNodes();
}
