package io.playgate.gateway.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.playgate.gateway.hub.HubClient;
import io.playgate.gateway.hub.HubException;
import io.playgate.gateway.hub.HubFailure;
import io.playgate.gateway.hub.HubResponse;
import io.playgate.gateway.hub.MediaItem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MediaItems by id, behaving like a shared HTTP cache in front of the hub (RFC 9111, RFC 5861), in the manner of
 * Varnish's grace mode and nginx's {@code proxy_cache_lock}/{@code proxy_cache_use_stale}.
 * <ul>
 *   <li><b>Freshness</b>: an entry is fresh for the hub's {@code Cache-Control: max-age} (RFC 9111 §4.2.1,
 *       §5.2.2.1), clamped to {@link MediaCacheOptions#minTtl()}..{@link MediaCacheOptions#maxTtl()}.</li>
 *   <li><b>stale-while-revalidate</b> (RFC 5861 §3): for {@link MediaCacheOptions#staleWhileRevalidate()} after it
 *       turns stale, an entry is answered at once and one background revalidation is started.</li>
 *   <li><b>Conditional revalidation</b> (RFC 9111 §4.3.1–4.3.4): revalidation sends {@code If-None-Match} with the
 *       entry's ETag; a {@code 304} keeps the entry and its rendered variants and renews its lifetime.</li>
 *   <li><b>stale-if-error</b> (RFC 5861 §4): for {@link MediaCacheOptions#staleIfError()} after it turns stale, an
 *       entry is answered instead of a hub failure (5xx, timeout, bad answer, open circuit breaker).</li>
 *   <li><b>Negative entries</b> (RFC 9111 §4.2.2 allows caching them): hub {@code 404}/{@code 410}/{@code 403} are
 *       remembered for {@link MediaCacheOptions#negativeTtl()}; a failed cold fetch for
 *       {@link MediaCacheOptions#failureTtl()} only. Failures are never cached as successes.</li>
 *   <li><b>Coalescing on every path</b>: cold miss, background refresh and revalidation all go through one
 *       per-id in-flight future, so at most one hub request per id is in flight; every waiter is completed by the
 *       hub's answer (no polling).</li>
 *   <li><b>Bound</b>: Caffeine's {@code maximumWeight} of {@link MediaCacheOptions#maxBytes()}, weighing each entry
 *       with its rendered variants ({@link CachedMedia#variant}); a variant dies with its entry.</li>
 * </ul>
 * Caffeine stores, expires (per entry) and bounds the entries ({@code SlotStore}); the in-flight map is the only place
 * that calls the hub. Time comes from a Caffeine {@link Ticker}, so tests move a fake clock instead of sleeping.
 * Thread-safe; may be called from any event loop.
 */
public final class MediaCache {

  private static final Logger LOG = LoggerFactory.getLogger(MediaCache.class);
  /** Turns at the shared lease before a node fetches on its own (the first holder's hub call may fail). */
  private static final int MAX_TURNS = 2;

  private final HubClient hub;
  private final MediaCacheOptions options;
  private final Ticker ticker;
  private final SlotStore store;
  private final SharedLevel shared;
  private final ConcurrentMap<String, Flight> inflight = new ConcurrentHashMap<>();
  private final LongAdder firstLevelHits = new LongAdder();
  private final LongAdder firstLevelMisses = new LongAdder();

  private MediaCache(HubClient hub, MediaCacheOptions options, Ticker ticker, SharedLevel shared) {
    this.hub = hub;
    this.options = options;
    this.ticker = ticker;
    this.store = new SlotStore(options.maxBytes(), ticker);
    this.shared = shared;
  }

  /**
   * @param hub where misses and revalidations are fetched
   * @param options bound, lifetimes and stale windows
   * @param ticker the clock ({@link Ticker#systemTicker()} in production)
   * @return a new cache without a second level
   */
  public static MediaCache create(HubClient hub, MediaCacheOptions options, Ticker ticker) {
    return new MediaCache(hub, options, ticker, SharedLevel.NONE);
  }

  /**
   * @param hub where misses and revalidations are fetched
   * @param options bound, lifetimes and stale windows
   * @param ticker the clock ({@link Ticker#systemTicker()} in production)
   * @param shared the second level shared with the cluster's other nodes, asked after a first-level miss and before
   *     the hub ({@link SharedLevel#NONE} for none)
   * @return a new cache
   */
  public static MediaCache create(HubClient hub, MediaCacheOptions options, Ticker ticker, SharedLevel shared) {
    return new MediaCache(hub, options, ticker, shared);
  }

  /** @return the options in use */
  public MediaCacheOptions options() {
    return options;
  }

  /**
   * The entry for an id: fresh or within stale-while-revalidate at once (starting a background revalidation when
   * stale); otherwise after the one in-flight hub request for that id, falling back to the stale entry within
   * stale-if-error when the hub fails.
   *
   * @param id a media id matching {@link io.playgate.gateway.hub.MediaItem#ID}
   * @return a future completed on the caller's Vert.x context (or on the hub client's event loop when called off
   *     a context) with the entry, or failed with a {@link HubException}: a remembered {@code 404}/{@code 410}/
   *     {@code 403} or takedown, or the failure of the hub call
   */
  public Future<CachedMedia> get(String id) {
    long now = ticker.read();
    Slot slot = store.get(id);
    (slot == null ? firstLevelMisses : firstLevelHits).increment();
    if (slot instanceof NegativeEntry negative) {
      return Future.failedFuture(negative.failure());
    }
    if (slot instanceof CachedMedia entry) {
      long staleness = entry.stalenessNanos(now);
      if (staleness < 0) {
        return Future.succeededFuture(entry);
      }
      boolean withinSwr = staleness < options.staleWhileRevalidate().toNanos();
      boolean withinSie = staleness < options.staleIfError().toNanos();
      if (withinSwr || (withinSie && entry.recentlyFailed(now))) {
        if (!entry.recentlyFailed(now)) {
          fetch(id, entry); // background revalidation, coalesced; its failure is handled in complete()
        }
        return Future.succeededFuture(entry);
      }
      return onCaller(fetch(id, entry)).recover(e -> withinSie && servableStaleOn(e)
          ? Future.succeededFuture(entry) : Future.failedFuture(e));
    }
    return onCaller(fetch(id, null));
  }

  /**
   * Drops the entry and its rendered variants at once (webhook {@code media.updated}); the next
   * {@link #get(String)} asks the hub. A hub request already in flight still answers its waiters but is not stored.
   * Cached albums and playlists that list {@code id} are dropped too: they carry the member's metadata.
   *
   * @param id a media id
   */
  public void invalidate(String id) {
    invalidate(List.of(id));
  }

  /**
   * {@link #invalidate(String)} for many ids, with one pass over the cache for the collections that list them.
   *
   * @param ids media ids
   */
  public void invalidate(Collection<String> ids) {
    for (String id : ids) {
      inflight.remove(id);
      store.invalidate(id);
    }
    invalidateCollectionsListing(ids);
  }

  /**
   * Takedown (webhook {@code media.removed}): drops the entry and its variants and remembers the id as removed for
   * {@link MediaCacheOptions#negativeTtl()}, so the next request is a 404 without asking the hub. Cached albums and
   * playlists that list {@code id} are dropped too, so none of them keeps playing a taken-down member from its
   * rendered page; while the takedown is remembered, {@link #isTakenDown(String)} lets their players leave it out
   * even if the hub still lists it.
   *
   * @param id a media id
   */
  public void takedown(String id) {
    takedown(List.of(id));
  }

  /**
   * {@link #takedown(String)} for many ids, with one pass over the cache for the collections that list them.
   *
   * @param ids media ids
   */
  public void takedown(Collection<String> ids) {
    long until = ticker.read() + options.negativeTtl().toNanos();
    for (String id : ids) {
      inflight.remove(id);
      store.put(id, new NegativeEntry(new HubException(HubFailure.REMOVED, id, "takedown by webhook"), until));
    }
    invalidateCollectionsListing(ids);
  }

  /**
   * Whether {@code id} is remembered as removed (a hub {@code 410} or a webhook takedown) now, without loading it.
   *
   * @param id a media id
   * @return true while the removal is remembered ({@link MediaCacheOptions#negativeTtl()})
   */
  public boolean isTakenDown(String id) {
    return store.get(id) instanceof NegativeEntry negative
        && negative.failure().failure() == HubFailure.REMOVED;
  }

  private void invalidateCollectionsListing(Collection<String> ids) {
    for (String key : store.collectionsListing(ids)) {
      inflight.remove(key);
      store.invalidate(key);
    }
  }

  /**
   * Whether a MediaItem entry for {@code id} is in the cache now (fresh or stale), without loading it (no hub call).
   *
   * @param id a media id
   * @return true when an entry is present; false for none, a negative entry, or a load still in flight
   */
  public boolean isCached(String id) {
    return store.get(id) instanceof CachedMedia;
  }

  /**
   * The MediaItem cached for {@code id} now (fresh or stale), without loading it (no hub call).
   *
   * @param id a media id
   * @return the item, or {@code null} for no entry, a negative entry, or a load still in flight
   */
  public @Nullable MediaItem peek(String id) {
    return store.get(id) instanceof CachedMedia entry ? entry.item() : null;
  }

  /** @return the number of entries, negative ones included (approximate) */
  public long size() {
    return store.size();
  }

  /** @return the bytes the entries and their variants weigh now (approximate) */
  public long weightedBytes() {
    return store.weightedBytes();
  }

  /** @return first-level lookups by {@link #get(String)} that found an entry (fresh, stale or negative) so far */
  public long firstLevelHits() {
    return firstLevelHits.sum();
  }

  /** @return first-level lookups by {@link #get(String)} that found nothing so far */
  public long firstLevelMisses() {
    return firstLevelMisses.sum();
  }

  /** @return how many ids have a hub request in flight */
  public int inflightCount() {
    return inflight.size();
  }

  /** Joins the flight from the caller's context: when the hub answers, one task per context completes its callers. */
  private static Future<CachedMedia> onCaller(Flight flight) {
    return flight.join(Vertx.currentContext());
  }

  /** 5xx, timeouts, bad answers and an open breaker may be hidden behind a stale entry; 404/410/403 never. */
  private static boolean servableStaleOn(Throwable e) {
    return !(e instanceof HubException he) || he.failure().status() >= 500;
  }


  /**
   * The one in-flight load for an id, started if there is none: the second level first (another node may have
   * fetched it), then the hub on this node's turn at the cluster's lease; a plain fetch for a cold miss, a
   * conditional one ({@code If-None-Match}) when a stale entry with an ETag exists.
   */
  private Flight fetch(String id, @Nullable CachedMedia stale) {
    Flight mine = new Flight();
    Flight running = inflight.putIfAbsent(id, mine);
    if (running != null) {
      return running;
    }
    readShared(id, stale, mine, 0);
    return mine;
  }

  private void readShared(String id, @Nullable CachedMedia stale, Flight mine, int turns) {
    try {
      shared.read(id).onComplete(ar -> fromShared(id, stale, mine, ar.succeeded() ? ar.result() : null, turns));
    } catch (RuntimeException e) {
      callHub(id, stale, mine, SharedLevel.Turn.ALONE);
    }
  }

  /**
   * The second level's answer: a fresh entry (or a negative one) is the answer; a stale one within
   * stale-while-revalidate answers a cold miss and is revalidated in the background; else this node takes a turn at
   * the lease, and the hub is asked by whichever node wins it.
   */
  private void fromShared(String id, @Nullable CachedMedia stale, Flight mine,
      @Nullable SharedEntry found, int turns) {
    long now = ticker.read();
    Slot slot = found == null ? null : slotOf(id, found, stale, now);
    if (slot instanceof NegativeEntry negative) {
      store(id, slot, inflight.get(id) == mine);
      inflight.remove(id, mine);
      mine.fail(negative.failure());
      return;
    }
    CachedMedia basis = stale;
    if (slot instanceof CachedMedia entry) {
      long staleness = entry.stalenessNanos(now);
      if (staleness < 0 || (stale == null && staleness < options.staleWhileRevalidate().toNanos())) {
        store(id, entry, inflight.get(id) == mine);
        inflight.remove(id, mine);
        mine.succeed(entry);
        if (staleness >= 0) {
          fetch(id, entry); // stale-while-revalidate across nodes: one background revalidation, leased
        }
        return;
      }
      basis = stale != null ? stale : entry;
    }
    takeTurn(id, basis, mine, turns);
  }

  private void takeTurn(String id, @Nullable CachedMedia stale, Flight mine, int turns) {
    if (turns >= MAX_TURNS) {
      callHub(id, stale, mine, SharedLevel.Turn.ALONE);
      return;
    }
    try {
      shared.turn(id).onComplete(ar -> {
        SharedLevel.Turn turn = ar.succeeded() ? ar.result() : SharedLevel.Turn.ALONE;
        if (turn == SharedLevel.Turn.FILLED) {
          readShared(id, stale, mine, turns + 1);
        } else {
          callHub(id, stale, mine, turn);
        }
      });
    } catch (RuntimeException e) {
      callHub(id, stale, mine, SharedLevel.Turn.ALONE);
    }
  }

  /**
   * A shared entry as this node's slot: its validation time is now minus its shared age, so freshness and the stale
   * windows run out at the same moment on every node. An entry with the ETag of {@code stale} keeps its variants.
   *
   * @return the slot, or {@code null} when it has run out by now
   */
  private @Nullable Slot slotOf(String id, SharedEntry found, @Nullable CachedMedia stale, long now) {
    long validatedAt = now - found.ageNanos();
    if (found.item() == null) {
      long until = validatedAt + found.lifetimeNanos();
      return until <= now || found.failure() == null ? null
          : new NegativeEntry(new HubException(found.failure(), id, "remembered by the cluster"), until);
    }
    CachedMedia entry = stale != null && found.etag() != null && found.etag().equals(stale.etag())
        ? stale.renewed(validatedAt, found.lifetimeNanos(), found.etag())
        : new CachedMedia(found.item(), found.etag(), validatedAt, found.lifetimeNanos(), options, ticker,
            new CachedMedia.Variants(), false, 0);
    return entry.expiresAtNanos() <= now ? null : entry;
  }

  private void callHub(String id, @Nullable CachedMedia stale, Flight mine,
      SharedLevel.Turn turn) {
    Future<HubResponse> call;
    try {
      call = hub.fetch(id, stale == null ? null : stale.etag());
    } catch (RuntimeException e) {
      call = Future.failedFuture(new HubException(HubFailure.UNAVAILABLE, id, "hub client threw " + e));
    }
    call.onComplete(ar -> complete(id, stale, mine, turn, ar.succeeded() ? ar.result() : null, ar.cause()));
  }

  private void complete(String id, @Nullable CachedMedia stale, Flight mine,
      SharedLevel.Turn turn, @Nullable HubResponse resp, @Nullable Throwable cause) {
    long now = ticker.read();
    boolean current = inflight.get(id) == mine; // false after invalidate()/takedown(): do not store
    SharedEntry share = null;
    try {
      if (resp != null && resp.notModified() && stale != null) {
        CachedMedia renewed = stale.renewed(now, options.ttlNanos(resp.maxAgeSeconds()), resp.etag());
        store(id, renewed, current);
        share = shareOf(renewed, now);
        mine.succeed(renewed);
      } else if (resp != null && resp.item() != null) {
        CachedMedia entry = new CachedMedia(resp.item(), resp.etag(), now, options.ttlNanos(resp.maxAgeSeconds()),
            options, ticker, new CachedMedia.Variants(), false, 0);
        store(id, entry, current);
        share = shareOf(entry, now);
        mine.succeed(entry);
      } else {
        HubException failure = cause instanceof HubException he ? he
            : new HubException(HubFailure.BAD_RESPONSE, id, resp != null ? "status=304 to an unconditional request"
                : "unexpected " + cause);
        if (!servableStaleOn(failure)) {
          // the hub says the id is unknown, removed or private now: that replaces any stale entry
          store(id, new NegativeEntry(failure, now + options.negativeTtl().toNanos()), current);
          share = SharedEntry.negative(failure.failure(), 0, options.negativeTtl().toNanos());
        } else if (stale != null) {
          store(id, stale.withFailure(now), current);
        } else if (!options.failureTtl().isZero()) {
          store(id, new NegativeEntry(failure, now + options.failureTtl().toNanos()), current);
        }
        mine.fail(failure);
      }
    } catch (RuntimeException e) {
      LOG.error("cache.fail id={} storing the hub answer failed", id, e);
      mine.fail(new HubException(HubFailure.BAD_RESPONSE, id, "cannot store answer: " + e));
    } finally {
      inflight.remove(id, mine);
      publish(id, current ? share : null, turn);
    }
  }

  private static SharedEntry shareOf(CachedMedia entry, long now) {
    return SharedEntry.of(entry.item(), entry.etag(), 0, entry.ttlNanos(), Math.max(0, entry.expiresAtNanos() - now));
  }

  /** Shares a hub answer; the hub's answer has already reached this node's callers. */
  private void publish(String id, @Nullable SharedEntry share, SharedLevel.Turn turn) {
    try {
      shared.publish(id, share, turn);
    } catch (RuntimeException e) {
      LOG.warn("cache.shared id={} sharing the hub answer failed: {}", id, e.toString());
    }
  }

  private void store(String id, Slot slot, boolean current) {
    if (current) {
      store.put(id, slot);
    }
  }
}
