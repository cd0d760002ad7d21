package io.playgate.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where {@link MediaCache} keeps its slots: a Caffeine cache that expires each slot at its own
 * {@link Slot#expiresAtNanos()} and bounds them all by weight ({@link MediaCacheOptions#maxBytes()}, each entry with
 * its rendered variants, re-weighed when a variant is added). Thread-safe.
 */
final class SlotStore {

  private final Cache<String, Slot> slots;

  SlotStore(long maxBytes, Ticker ticker) {
    this.slots = Caffeine.newBuilder()
        .ticker(ticker)
        // eviction work runs on the caller's thread: small, amortised, and deterministic in tests
        .executor(Runnable::run)
        .maximumWeight(maxBytes)
        .weigher((String id, Slot s) -> (int) Math.min(Integer.MAX_VALUE, s.weightBytes()))
        .expireAfter(new Expiry<String, Slot>() {
          @Override
          public long expireAfterCreate(String id, Slot s, long now) {
            return Math.max(0, s.expiresAtNanos() - now);
          }

          @Override
          public long expireAfterUpdate(String id, Slot s, long now, long currentDuration) {
            return Math.max(0, s.expiresAtNanos() - now);
          }

          @Override
          public long expireAfterRead(String id, Slot s, long now, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  /** @return the slot of {@code id}, or {@code null} */
  @Nullable Slot get(String id) {
    return slots.getIfPresent(id);
  }

  /**
   * Stores a slot; an entry's later variants re-weigh it. An entry is kept under its item's own id string when equal
   * (it always is: the parser checks it), so the key costs no second string per entry.
   */
  void put(String id, Slot slot) {
    String key = id;
    if (slot instanceof CachedMedia entry) {
      key = entry.item().id().equals(id) ? entry.item().id() : id;
      String reweighed = key;
      entry.variants().onGrow = () -> reweigh(reweighed);
    }
    slots.put(key, slot);
  }

  void invalidate(String id) {
    slots.invalidate(id);
  }

  /**
   * O(entries): webhooks are rare, and a stale collection would keep serving a changed member.
   *
   * @param members media ids
   * @return the ids of cached albums and playlists that list any of them
   */
  List<String> collectionsListing(Collection<String> members) {
    Set<String> wanted = Set.copyOf(members);
    List<String> collections = new ArrayList<>();
    slots.asMap().forEach((key, slot) -> {
      if (slot instanceof CachedMedia entry && entry.item().items().stream().anyMatch(m -> wanted.contains(m.id()))) {
        collections.add(key);
      }
    });
    return collections;
  }

  /** @return the number of slots, negative ones included (approximate) */
  long size() {
    return slots.estimatedSize();
  }

  /** @return the bytes the slots weigh now (approximate) */
  long weightedBytes() {
    slots.cleanUp();
    return slots.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /** A variant was added: Caffeine weighs on write, so write the entry again to count its new bytes. */
  private void reweigh(String id) {
    Slot current = slots.getIfPresent(id);
    if (current != null) {
      slots.asMap().replace(id, current, current);
    }
  }
}
