package io.playgate.gateway.cache;

/** What the cache holds for one id: a MediaItem ({@link CachedMedia}) or a remembered failure ({@link NegativeEntry}). */
sealed interface Slot permits CachedMedia, NegativeEntry {

  /** @return the ticker time (ns) after which Caffeine drops the slot: freshness plus the longer stale window */
  long expiresAtNanos();

  /** @return approximate bytes held, for the byte-weighted bound */
  long weightBytes();
}
