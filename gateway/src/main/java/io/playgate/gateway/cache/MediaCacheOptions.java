package io.playgate.gateway.cache;

import java.time.Duration;

/**
 * Options of {@link MediaCache}.
 *
 * @param maxBytes byte-weighted bound of all entries (Caffeine {@code maximumWeight}), positive
 * @param minTtl lower clamp of an entry's lifetime, {@code >= 0}
 * @param maxTtl upper clamp of an entry's lifetime, {@code >= minTtl}
 * @param defaultTtl lifetime when the hub sends no {@code max-age}
 */
public record MediaCacheOptions(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl) {

  /** Checks the values. */
  public MediaCacheOptions {
    if (maxBytes <= 0 || minTtl.isNegative() || maxTtl.compareTo(minTtl) < 0 || defaultTtl.isNegative()) {
      throw new IllegalArgumentException("invalid cache options");
    }
  }

  /**
   * @param maxAgeSeconds the hub's max-age, or {@code null}
   * @return the clamped lifetime in nanoseconds
   */
  long ttlNanos(Long maxAgeSeconds) {
    Duration d = maxAgeSeconds == null ? defaultTtl : Duration.ofSeconds(maxAgeSeconds);
    if (d.compareTo(minTtl) < 0) {
      d = minTtl;
    }
    if (d.compareTo(maxTtl) > 0) {
      d = maxTtl;
    }
    return d.toNanos();
  }
}
