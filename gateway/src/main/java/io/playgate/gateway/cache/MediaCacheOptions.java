package io.playgate.gateway.cache;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link MediaCache}, the {@value #KEY} section of {@code conf/gateway.yaml}. All durations are
 * non-negative; a zero window switches that behaviour off.
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
 * @param compression how rendered pages and oEmbed answers are kept: as rendered, or compressed once with gzip and
 *     sent so to clients that accept it (RFC 9110 §12.5.3)
 */
public record MediaCacheOptions(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl,
    Duration staleWhileRevalidate, Duration staleIfError, Duration negativeTtl, Duration failureTtl,
    Compression compression) {

  /** How rendered variants are kept ({@code cache.compression}). */
  public enum Compression {
    /** As rendered; every answer is sent without a content coding. */
    NONE,
    /**
     * Compressed once with gzip (level 9) when rendered; sent as they are to clients whose {@code Accept-Encoding}
     * takes gzip, inflated for the others.
     */
    GZIP
  }

  /** The configuration section these options are read from. */
  public static final String KEY = "cache";
  /** Default {@link #maxBytes()} ({@code cache.maxSize}): 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
  /** Default {@link #minTtl()}: 1 s. */
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(1);
  /** Default {@link #maxTtl()}: 1 h. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);
  /** Default {@link #defaultTtl()}: 60 s. */
  public static final Duration DEFAULT_DEFAULT_TTL = Duration.ofSeconds(60);
  /** Default {@link #staleWhileRevalidate()}: 30 s. */
  public static final Duration DEFAULT_STALE_WHILE_REVALIDATE = Duration.ofSeconds(30);
  /** Default {@link #staleIfError()}: 10 min. */
  public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofMinutes(10);
  /** Default {@link #negativeTtl()}: 30 s. */
  public static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofSeconds(30);
  /** Default {@link #compression()}: none. */
  public static final Compression DEFAULT_COMPRESSION = Compression.NONE;
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
    Objects.requireNonNull(compression, "compression");
    if (maxBytes <= 0 || maxTtl.compareTo(minTtl) < 0) {
      throw new IllegalArgumentException("invalid cache options");
    }
  }

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public MediaCacheOptions() {
    this(DEFAULT_MAX_BYTES, DEFAULT_MIN_TTL, DEFAULT_MAX_TTL, DEFAULT_DEFAULT_TTL);
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code maxSize} (a size, at least 1 MiB), {@code minTtl},
   * {@code maxTtl}, {@code defaultTtl} (0..365 days, {@code minTtl <= maxTtl}), {@code staleWhileRevalidate}
   * (0..1 day), {@code staleIfError} (0..7 days), {@code negativeTtl} (0..1 day), {@code failureTtl} (0..10 s),
   * {@code compression} ({@code none} or {@code gzip}).
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code cache.staleIfError}
   */
  public static MediaCacheOptions fromJson(@Nullable JsonObject json) {
    ConfigReader c = ConfigReader.of(KEY, json);
    Duration year = Duration.ofDays(365);
    Duration minTtl = c.durationIn("minTtl", Duration.ZERO, year);
    Duration maxTtl = c.durationIn("maxTtl", Duration.ZERO, year);
    if (minTtl.compareTo(maxTtl) > 0) {
      throw c.invalid("minTtl", "must not exceed cache.maxTtl");
    }
    return new MediaCacheOptions(c.bytesIn("maxSize", 1024 * 1024, Long.MAX_VALUE), minTtl, maxTtl,
        c.durationIn("defaultTtl", Duration.ZERO, year),
        c.durationIn("staleWhileRevalidate", Duration.ZERO, Duration.ofDays(1)),
        c.durationIn("staleIfError", Duration.ZERO, Duration.ofDays(7)),
        c.durationIn("negativeTtl", Duration.ZERO, Duration.ofDays(1)),
        c.durationIn("failureTtl", Duration.ZERO, Duration.ofSeconds(10)), c.oneOf("compression", Compression.class));
  }

  /** @return the {@value #KEY} section that {@link #fromJson} reads back to equal options */
  public JsonObject toJson() {
    return new JsonObject().put("maxSize", Units.sizeText(maxBytes)).put("minTtl", Durations.format(minTtl))
        .put("maxTtl", Durations.format(maxTtl)).put("defaultTtl", Durations.format(defaultTtl))
        .put("staleWhileRevalidate", Durations.format(staleWhileRevalidate)).put("staleIfError", Durations.format(staleIfError))
        .put("negativeTtl", Durations.format(negativeTtl)).put("failureTtl", Durations.format(failureTtl))
        .put("compression", compression.name().toLowerCase(java.util.Locale.ROOT));
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
        DEFAULT_NEGATIVE_TTL, DEFAULT_FAILURE_TTL, DEFAULT_COMPRESSION);
  }

  /**
   * Options kept as rendered ({@link Compression#NONE}).
   *
   * @param maxBytes see {@link #maxBytes()}
   * @param minTtl see {@link #minTtl()}
   * @param maxTtl see {@link #maxTtl()}
   * @param defaultTtl see {@link #defaultTtl()}
   * @param staleWhileRevalidate see {@link #staleWhileRevalidate()}
   * @param staleIfError see {@link #staleIfError()}
   * @param negativeTtl see {@link #negativeTtl()}
   * @param failureTtl see {@link #failureTtl()}
   */
  public MediaCacheOptions(long maxBytes, Duration minTtl, Duration maxTtl, Duration defaultTtl,
      Duration staleWhileRevalidate, Duration staleIfError, Duration negativeTtl, Duration failureTtl) {
    this(maxBytes, minTtl, maxTtl, defaultTtl, staleWhileRevalidate, staleIfError, negativeTtl, failureTtl,
        DEFAULT_COMPRESSION);
  }

  /**
   * @param newCompression how variants are kept
   * @return these options with {@code newCompression}
   */
  public MediaCacheOptions withCompression(Compression newCompression) {
    return new MediaCacheOptions(maxBytes, minTtl, maxTtl, defaultTtl, staleWhileRevalidate, staleIfError, negativeTtl,
        failureTtl, newCompression);
  }

  /**
   * The freshness lifetime of an entry (RFC 9111 §4.2.1: {@code max-age} wins), clamped to
   * {@code [minTtl, maxTtl]}.
   *
   * @param maxAgeSeconds the hub's max-age, or {@code null} when it sent none
   * @return the clamped lifetime in nanoseconds
   */
  long ttlNanos(@Nullable Long maxAgeSeconds) {
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
