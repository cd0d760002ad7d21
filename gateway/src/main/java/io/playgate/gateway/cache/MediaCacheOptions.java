package io.playgate.gateway.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link MediaCache}. All durations are non-negative; a zero window switches that behaviour off.
 *
 * @param maxBytes byte-weighted bound of all entries and their rendered variants (Caffeine {@code maximumWeight}),
 *     positive
 * @param minTtl lower clamp of an entry's freshness lifetime
 * @param maxTtl upper clamp of an entry's freshness lifetime, {@code >= minTtl}
 * @param defaultTtl freshness lifetime when the hub sends no {@code max-age}
 * @param staleWhileRevalidate how long after an entry turns stale it is still served at once while one background
 *     revalidation runs (RFC 5861 §3)
 * @param staleIfError how long after an entry turns stale it is served when the hub fails (5xx, timeout, bad answer,
 *     open circuit breaker) instead of the error (RFC 5861 §4)
 * @param negativeTtl how long a hub {@code 404}/{@code 410}/{@code 403} (and a takedown) is remembered
 * @param failureTtl how long a failed cold fetch (5xx, timeout, bad answer) is remembered, so a failing hub is not
 *     asked again for that id at once; a few seconds at most
 */
public record MediaCacheOptions(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl,
    Duration staleWhileRevalidate, Duration staleIfError, Duration negativeTtl, Duration failureTtl) {

  /** Default {@link #staleWhileRevalidate()}: 30 s. */
  public static final Duration DEFAULT_STALE_WHILE_REVALIDATE = Duration.ofSeconds(30);
  /** Default {@link #staleIfError()}: 10 min. */
  public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofMinutes(10);
  /** Default {@link #negativeTtl()}: 30 s. */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(30);
  /** Default {@link #failureTtl()}: 2 s. */
  public static final Duration DEFAULT_FAILURE_TTL = Duration.ofSeconds(2);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a bound is not positive, a duration negative or {@code minTtl > maxTtl}
   */
  public MediaCacheOptions {
    for (Duration d : new Duration[] {minTtl, maxTtl, defaultTtl, staleWhileRevalidate, staleIfError, negativeTtl,
        failureTtl}) {
      if (Objects.requireNonNull(d, "duration").isNegative()) {
        throw new IllegalArgumentException("negative duration " + d);
      }
    }
    if (maxBytes <= 0 || maxTtl.compareTo(minTtl) < 0) {
      throw new IllegalArgumentException("invalid cache options");
    }
  }

  /**
   * Options with the default stale windows and negative/failure lifetimes.
   *
   * @param maxBytes see {@link #maxBytes()}
   * @param minTtl see {@link #minTtl()}
   * @param maxTtl see {@link #maxTtl()}
   * @param defaultTtl see {@link #defaultTtl()}
   */
  public MediaCacheOptions(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl) {
    this(maxBytes, minTtl, maxTtl, defaultTtl, DEFAULT_STALE_WHILE_REVALIDATE, DEFAULT_STALE_IF_ERROR,
        DEFAULT_NEGATIVE_TTL, DEFAULT_FAILURE_TTL);
  }

  /**
   * The freshness lifetime of an entry (RFC 9111 §4.2.1: {@code max-age} wins), clamped to
   * {@code [minTtl, maxTtl]}.
   *
   * @param maxAgeSeconds the hub's max-age, or {@code null} when it sent none
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
