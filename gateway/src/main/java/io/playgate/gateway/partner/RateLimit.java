package io.playgate.gateway.partner;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * One token bucket: {@code capacity} requests at once, refilled evenly ("greedily", Bucket4j) at {@code capacity}
 * tokens per {@code period}. Configured as {@code {capacity: 600, period: 1m}}.
 *
 * @param capacity bucket size and tokens added per period, 1..10,000,000 (0 only for {@code partners.anonymous}:
 *     no anonymous limit)
 * @param period refill period, 1 s..1 day
 */
public record RateLimit(long capacity, Duration period) {

  /** Most requests a bucket holds. */
  public static final int MAX_CAPACITY = 10_000_000;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a capacity or period out of range
   */
  public RateLimit {
    if (capacity < 0 || capacity > MAX_CAPACITY || period.compareTo(Duration.ofSeconds(1)) < 0
        || period.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("invalid rate limit " + capacity + " per " + period);
    }
  }

  /**
   * @param r the bucket's section, e.g. {@code partners.list[0].rateLimit}
   * @param minCapacity 1, or 0 where "no limit" is allowed
   * @return the bucket
   * @throws io.playgate.gateway.options.ConfigException naming {@code capacity} or {@code period} under the section
   */
  static RateLimit read(ConfigReader r, int minCapacity) {
    return new RateLimit(r.intIn("capacity", minCapacity, MAX_CAPACITY),
        r.durationIn("period", Duration.ofSeconds(1), Duration.ofDays(1)));
  }

  /** @return {@code {capacity, period}} as {@link #read} reads it */
  public JsonObject toJson() {
    return new JsonObject().put("capacity", capacity).put("period", Durations.format(period));
  }

  /** @return whether the bucket limits at all (capacity 0 switches the anonymous limit off) */
  public boolean limits() {
    return capacity > 0;
  }
}
