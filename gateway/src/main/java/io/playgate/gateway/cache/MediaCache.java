package io.playgate.gateway.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.HubClient;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;

/**
 * MediaItems by id, in a Caffeine {@link AsyncCache}.
 * <ul>
 *   <li><b>Coalescing</b>: concurrent {@link #get(String)} calls for one id share one in-flight hub request
 *       (Caffeine keeps one future per key); every waiter is answered when the hub answers.</li>
 *   <li><b>Lifetime</b>: each entry expires after the hub's {@code Cache-Control: max-age} (RFC 9111 §5.2.2.1),
 *       clamped to {@link MediaCacheOptions#minTtl()}..{@link MediaCacheOptions#maxTtl()}.</li>
 *   <li><b>Failures</b> are not cached: Caffeine drops a future that completes exceptionally, so the next call asks
 *       the hub again.</li>
 *   <li><b>Bound</b>: a byte-weighted maximum ({@link MediaCacheOptions#maxBytes()}).</li>
 * </ul>
 * Time comes from a Caffeine {@link Ticker}, so tests move a fake clock instead of sleeping.
 */
public final class MediaCache {

  private final HubClient hub;
  private final MediaCacheOptions options;
  private final Ticker ticker;
  private final AsyncCache<String, CachedMedia> cache;

  private MediaCache(HubClient hub, MediaCacheOptions options, Ticker ticker) {
    this.hub = hub;
    this.options = options;
    this.ticker = ticker;
    this.cache = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumWeight(options.maxBytes())
        .weigher((String id, CachedMedia m) -> (int) Math.min(Integer.MAX_VALUE, m.item().estimatedBytes()))
        .expireAfter(new Expiry<String, CachedMedia>() {
          @Override
          public long expireAfterCreate(String id, CachedMedia m, long now) {
            return m.ttlNanos();
          }

          @Override
          public long expireAfterUpdate(String id, CachedMedia m, long now, long currentDuration) {
            return m.ttlNanos();
          }

          @Override
          public long expireAfterRead(String id, CachedMedia m, long now, long currentDuration) {
            return currentDuration;
          }
        })
        .buildAsync();
  }

  /**
   * @param hub where misses are fetched
   * @param options bound and lifetimes
   * @param ticker the clock ({@link Ticker#systemTicker()} in production)
   * @return a new cache
   */
  public static MediaCache create(HubClient hub, MediaCacheOptions options, Ticker ticker) {
    return new MediaCache(hub, options, ticker);
  }

  /**
   * @param id a media id matching {@link io.playgate.gateway.hub.MediaItem#ID}
   * @return a future completed on the caller's Vert.x context (or on the hub client's event loop when called off
   *     a context) with the entry, or failed with the {@link io.playgate.gateway.hub.HubException} of the hub call
   */
  public Future<CachedMedia> get(String id) {
    CompletableFuture<CachedMedia> cf = cache.get(id, (key, executor) -> hub.fetch(key, null)
        .map(resp -> new CachedMedia(resp.item(), resp.etag(), ticker.read(), options.ttlNanos(resp.maxAgeSeconds()), ticker))
        .toCompletionStage()
        .toCompletableFuture());
    Context ctx = Vertx.currentContext();
    if (cf.isDone() && !cf.isCompletedExceptionally()) {
      return Future.succeededFuture(cf.join());
    }
    return ctx == null ? Future.fromCompletionStage(cf) : Future.fromCompletionStage(cf, ctx);
  }

  /**
   * Drops the entry and its rendered variants; the next {@link #get(String)} asks the hub.
   *
   * @param id a media id
   */
  public void invalidate(String id) {
    cache.synchronous().invalidate(id);
  }

  /**
   * Whether a successful entry for {@code id} is in the cache now, without loading it (no hub call).
   *
   * @param id a media id
   * @return true when an entry is present and its load completed successfully
   */
  public boolean isCached(String id) {
    CompletableFuture<CachedMedia> f = cache.getIfPresent(id);
    return f != null && f.isDone() && !f.isCompletedExceptionally();
  }

  /** @return the number of entries, including in-flight loads (approximate) */
  public long size() {
    return cache.synchronous().estimatedSize();
  }
}
