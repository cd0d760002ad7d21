package io.playgate.gateway.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One cache entry: a MediaItem as the hub sent it, its freshness, and its rendered variants. Thread-safe.
 */
public final class CachedMedia {

  /** At most this many rendered variants are kept per entry; more are rendered per request. */
  public static final int MAX_VARIANTS = 64;

  private final MediaItem item;
  private final String etag;
  private final long fetchedAtNanos;
  private final long ttlNanos;
  private final Ticker ticker;
  private final Map<String, Object> variants = new ConcurrentHashMap<>();

  CachedMedia(MediaItem item, String etag, long fetchedAtNanos, long ttlNanos, Ticker ticker) {
    this.item = item;
    this.etag = etag;
    this.fetchedAtNanos = fetchedAtNanos;
    this.ttlNanos = ttlNanos;
    this.ticker = ticker;
  }

  /** @return the MediaItem, never {@code null} */
  public MediaItem item() {
    return item;
  }

  /** @return the hub's ETag for this item, or {@code null} */
  public String etag() {
    return etag;
  }

  /** @return the entry's freshness lifetime in nanoseconds (the hub's max-age after clamping) */
  public long ttlNanos() {
    return ttlNanos;
  }

  /**
   * The remaining freshness, which the gateway passes on as {@code Cache-Control: max-age} and oEmbed
   * {@code cache_age} (RFC 9111 §4.2.1: lifetime minus current age).
   *
   * @return whole seconds until the entry expires, rounded down, never negative
   */
  public long remainingSeconds() {
    long left = ttlNanos - (ticker.read() - fetchedAtNanos);
    return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(left));
  }

  /**
   * A rendered response for this entry, rendered once per variant key and kept until the entry dies.
   *
   * @param key the variant key (format × size × options), canonical so equal requests share it
   * @param <T> the rendered form, e.g. a {@link Buffer}; one key always holds one type
   * @param render renders the response; called at most once per key while fewer than {@link #MAX_VARIANTS} are kept
   * @return the rendered response; callers must not modify it
   */
  @SuppressWarnings("unchecked")
  public <T> T variant(String key, Supplier<T> render) {
    Object hit = variants.get(key);
    if (hit != null) {
      return (T) hit;
    }
    if (variants.size() >= MAX_VARIANTS) {
      return render.get();
    }
    return (T) variants.computeIfAbsent(key, k -> render.get());
  }

  /** @return how many variants are kept */
  public int variantCount() {
    return variants.size();
  }
}
