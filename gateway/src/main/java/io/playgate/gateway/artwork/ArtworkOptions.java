package io.playgate.gateway.artwork;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Options of the artwork routes, the {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param maxSourceBytes the most bytes of one hub artwork downloaded; a longer body is refused (502), positive
 * @param maxSourcePixels the most pixels (width × height, read from the image header before decoding) of one hub
 *     artwork; a larger image is refused (502) without being decoded, positive
 * @param maxAge {@code Cache-Control: max-age} of a scaled image or card sent to clients; they revalidate with
 *     {@code If-None-Match} after it
 * @param workers threads of the {@value #WORKER_POOL} worker pool that decodes, scales and draws, 1..64
 * @param fetchTimeout how long a hub artwork download may stall (no byte received) before it is abandoned (502)
 */
public record ArtworkOptions(long maxSourceBytes, long maxSourcePixels, Duration maxAge, int workers,
    Duration fetchTimeout) {

  /** The configuration section these options are read from. */
  public static final String KEY = "artwork";
  /** The name of the worker pool (and the prefix of its threads' names). */
  public static final String WORKER_POOL = "playgate-artwork";
  /** Default {@link #maxSourceBytes()} ({@code artwork.maxSourceSize}): 8 MiB. */
  public static final long DEFAULT_MAX_SOURCE_BYTES = 8L * 1024 * 1024;
  /** Default {@link #maxSourcePixels()}: 4096 × 4096 = 16,777,216 px (64 MiB as 32-bit pixels). */
  public static final long DEFAULT_MAX_SOURCE_PIXELS = 4096L * 4096;
  /** Default {@link #maxAge()}: 1 day. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(1);
  /** Default {@link #workers()}: 2. */
  public static final int DEFAULT_WORKERS = 2;
  /** Default {@link #fetchTimeout()}: 10 s. */
  public static final Duration DEFAULT_FETCH_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a bound is not positive or a duration negative
   */
  public ArtworkOptions {
    if (maxSourceBytes <= 0 || maxSourcePixels <= 0 || workers < 1 || maxAge.isNegative()
        || fetchTimeout.isNegative() || fetchTimeout.isZero()) {
      throw new IllegalArgumentException("invalid artwork options");
    }
  }

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public ArtworkOptions() {
    this(DEFAULT_MAX_SOURCE_BYTES, DEFAULT_MAX_SOURCE_PIXELS, DEFAULT_MAX_AGE, DEFAULT_WORKERS,
        DEFAULT_FETCH_TIMEOUT);
  }

  /**
   * Reads and checks the {@value #KEY} section: {@code maxSourceSize} (a size, 1 KiB..64 MiB),
   * {@code maxSourcePixels} (1..268,435,456), {@code maxAge} (0..365 days), {@code workers} (1..64),
   * {@code fetchTimeout} (1 ms..1 min).
   *
   * @param json the section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code artwork.workers}
   */
  public static ArtworkOptions fromJson(@Nullable JsonObject json) {
    ConfigReader a = ConfigReader.of(KEY, json);
    return new ArtworkOptions(a.bytesIn("maxSourceSize", 1024, 64L * 1024 * 1024),
        a.intIn("maxSourcePixels", 1, 16384 * 16384),
        a.durationIn("maxAge", Duration.ZERO, Duration.ofDays(365)),
        a.intIn("workers", 1, 64),
        a.durationIn("fetchTimeout", Duration.ofMillis(1), Duration.ofMinutes(1)));
  }

  /** @return the {@value #KEY} section that {@link #fromJson} reads back to equal options */
  public JsonObject toJson() {
    return new JsonObject().put("maxSourceSize", Units.sizeText(maxSourceBytes))
        .put("maxSourcePixels", maxSourcePixels).put("maxAge", Durations.format(maxAge)).put("workers", workers)
        .put("fetchTimeout", Durations.format(fetchTimeout));
  }
}
