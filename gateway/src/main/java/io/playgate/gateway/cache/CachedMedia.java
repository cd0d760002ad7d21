package io.playgate.gateway.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.MediaItem;
import com.github.benmanes.caffeine.cache.Interner;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One cache entry: a MediaItem as the hub sent it, its freshness (RFC 9111 §4.2), and its rendered variants.
 * Immutable but for the variants, which a revalidated ({@code 304}) successor shares. Thread-safe.
 *
 * <p>Timeline, with {@code age} counted from the last validation: fresh while {@code age < ttl}; then stale, served
 * at once while {@code age < ttl + staleWhileRevalidate} (RFC 5861 §3) and on hub errors while
 * {@code age < ttl + staleIfError} (RFC 5861 §4); dropped after the longer of the two.
 */
public final class CachedMedia implements Slot {

  /** At most this many rendered variants are kept per entry; more are rendered per request. */
  public static final int MAX_VARIANTS = 64;

  private final MediaItem item;
  private final @Nullable String etag;
  private final long validatedAtNanos;
  private final long ttlNanos;
  private final MediaCacheOptions options;
  private final Ticker ticker;
  private final Variants variants;
  private final long failedAtNanos;
  private final boolean failed;

  /**
   * Rendered variants and their bytes, shared by an entry and its revalidated successors. Kept as one array of
   * alternating keys and variants (a handful per entry; a map's nodes and table would cost more than most compressed
   * variants), replaced whole when one is added and read without a lock. Keys are interned: every entry of the cache
   * holds the same few variant keys.
   */
  static final class Variants {
    private static final Object[] NONE = {};
    private static final Interner<String> KEYS = Interner.newWeakInterner();

    private volatile Object[] keysAndVariants = NONE;
    private volatile long bytes;
    /** Called after a variant was added, so the cache re-weighs the entry that holds it. */
    volatile Runnable onGrow = () -> { };

    @Nullable Rendered get(String key) {
      Object[] kv = keysAndVariants;
      for (int i = 0; i < kv.length; i += 2) {
        if (key.equals(kv[i])) {
          return (Rendered) kv[i + 1];
        }
      }
      return null;
    }

    int size() {
      return keysAndVariants.length / 2;
    }

    long bytes() {
      return bytes;
    }

    /** @return the kept variant of {@code key}, rendered (under this object's lock) and kept when there is none */
    synchronized Rendered computeIfAbsent(String key, Supplier<Rendered> render) {
      Rendered kept = get(key);
      if (kept != null) {
        return kept;
      }
      Rendered fresh = render.get();
      Object[] kv = Arrays.copyOf(keysAndVariants, keysAndVariants.length + 2);
      kv[kv.length - 2] = KEYS.intern(key);
      kv[kv.length - 1] = fresh;
      // two array slots per variant; the interned key is shared by every entry
      bytes += fresh.bytes() + 8;
      keysAndVariants = kv;
      return fresh;
    }
  }

  CachedMedia(MediaItem item, @Nullable String etag, long validatedAtNanos, long ttlNanos, MediaCacheOptions options,
      Ticker ticker, Variants variants, boolean failed, long failedAtNanos) {
    this.item = item;
    this.etag = etag;
    this.validatedAtNanos = validatedAtNanos;
    this.ttlNanos = ttlNanos;
    this.options = options;
    this.ticker = ticker;
    this.variants = variants;
    this.failed = failed;
    this.failedAtNanos = failedAtNanos;
  }

  /** @return the MediaItem, never {@code null} */
  public MediaItem item() {
    return item;
  }

  /** @return the hub's ETag for this item (used for {@code If-None-Match} revalidation), or {@code null} */
  public @Nullable String etag() {
    return etag;
  }

  /** @return the entry's freshness lifetime in nanoseconds (the hub's max-age after clamping) */
  public long ttlNanos() {
    return ttlNanos;
  }

  long validatedAtNanos() {
    return validatedAtNanos;
  }

  Variants variants() {
    return variants;
  }

  /** @return nanoseconds since the entry went stale; negative while it is fresh */
  long stalenessNanos(long now) {
    return now - validatedAtNanos - ttlNanos;
  }

  /** @return whether the last revalidation failed less than {@code failureTtl} ago */
  boolean recentlyFailed(long now) {
    return failed && now - failedAtNanos < options.failureTtl().toNanos();
  }

  /** @return a successor after a {@code 304}: same item and variants, validated now */
  CachedMedia renewed(long now, long ttl, @Nullable String newEtag) {
    return new CachedMedia(item, newEtag != null ? newEtag : etag, now, ttl, options, ticker, variants, false, 0);
  }

  /** @return the same entry, noting that revalidation failed now (so the hub is not asked again at once) */
  CachedMedia withFailure(long now) {
    return new CachedMedia(item, etag, validatedAtNanos, ttlNanos, options, ticker, variants, true, now);
  }

  @Override
  public long expiresAtNanos() {
    long window = Math.max(options.staleWhileRevalidate().toNanos(), options.staleIfError().toNanos());
    return validatedAtNanos + ttlNanos + window;
  }

  @Override
  public long weightBytes() {
    return item.estimatedBytes() + variants.bytes();
  }

  /**
   * The remaining freshness, which the gateway passes on as {@code Cache-Control: max-age} and oEmbed
   * {@code cache_age} (RFC 9111 §4.2.1: lifetime minus current age). A stale entry served under
   * stale-while-revalidate or stale-if-error has 0.
   *
   * @return whole seconds until the entry turns stale, rounded down, never negative
   */
  public long remainingSeconds() {
    long left = ttlNanos - (ticker.read() - validatedAtNanos);
    return Math.max(0, TimeUnit.NANOSECONDS.toSeconds(left));
  }

  /** @return whether the entry is within its freshness lifetime */
  public boolean isFresh() {
    return stalenessNanos(ticker.read()) < 0;
  }

  /**
   * The {@code Cache-Control} the gateway sends with a response rendered from this entry:
   * {@code public, max-age=<remainingSeconds()>, stale-while-revalidate=<s>, stale-if-error=<s>} (RFC 9111
   * §5.2.2.1, RFC 5861 §3–4); a zero window is left out.
   *
   * @return the header value
   */
  public String cacheControl() {
    return cacheControl(remainingSeconds());
  }

  /**
   * As {@link #cacheControl()}, with a {@code max-age} the caller read once from {@link #remainingSeconds()} (so a
   * body's oEmbed {@code cache_age} and the header agree across a second boundary).
   *
   * @param maxAgeSeconds the value for {@code max-age}, {@code >= 0}
   * @return the header value
   */
  public String cacheControl(long maxAgeSeconds) {
    StringBuilder sb = new StringBuilder("public, max-age=").append(maxAgeSeconds);
    long swr = options.staleWhileRevalidate().toSeconds();
    long sie = options.staleIfError().toSeconds();
    if (swr > 0) {
      sb.append(", stale-while-revalidate=").append(swr);
    }
    if (sie > 0) {
      sb.append(", stale-if-error=").append(sie);
    }
    return sb.toString();
  }

  /**
   * A rendered response for this entry, rendered once per variant key and kept until the entry (and its
   * revalidated successors) die, compressed once when {@code cache.compression} is {@code gzip}
   * ({@link Rendered#gzipped}); its kept bytes count towards the cache's byte-weighted bound. Beyond
   * {@link #MAX_VARIANTS} a variant is rendered per call and not compressed.
   *
   * @param key the variant key (format × size × options), canonical so equal requests share it
   * @param render renders the response; called at most once per key while fewer than {@link #MAX_VARIANTS} are kept
   * @return the rendered response; callers must not modify its buffers
   */
  public Rendered variant(String key, Supplier<Rendered> render) {
    Rendered hit = variants.get(key);
    if (hit != null) {
      return hit;
    }
    if (variants.size() >= MAX_VARIANTS) {
      return render.get();
    }
    int before = variants.size();
    Rendered r = variants.computeIfAbsent(key, () -> keptForm(render.get()));
    if (variants.size() > before) {
      variants.onGrow.run();
    }
    return r;
  }

  /** @return the form {@code cache.compression} keeps a fresh variant in (compressed once, here) */
  private Rendered keptForm(Rendered fresh) {
    return options.compression() == MediaCacheOptions.Compression.GZIP ? fresh.gzipped() : fresh;
  }

  /**
   * The variant kept under {@code key}, without rendering: for variants rendered off the event loop, which look
   * here first and then store their result with {@link #variant(String, Supplier)}.
   *
   * @param key the variant key
   * @return the kept variant, or {@code null}
   */
  public @Nullable Rendered keptVariant(String key) {
    return variants.get(key);
  }

  /** @return how many variants are kept */
  public int variantCount() {
    return variants.size();
  }
}
