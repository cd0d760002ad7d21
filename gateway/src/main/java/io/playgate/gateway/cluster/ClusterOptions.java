package io.playgate.gateway.cluster;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Options of the cluster's shared Redis, the {@code redis} subsection of the {@value #KEY} section of
 * {@code conf/gateway.yaml} ({@code cache.redis.*}, docs/operators.md "Configuration").
 *
 * @param url the Redis server, {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://}); {@code null}
 *     runs the node on its own (no Redis, the embedded default). The password is never logged.
 * @param deadline how long any one Redis call may take before the node gives up on it and goes on without Redis
 *     (1 ms..10 s; default {@link #DEFAULT_DEADLINE})
 * @param retryAfter how long, after Redis failed several calls in a row, every call skips Redis at once before one
 *     probe call is let through (100 ms..1 min; default {@link #DEFAULT_RETRY_AFTER})
 * @param keyPrefix the prefix of every key and channel the node uses, so several gateways can share one Redis
 *     (1..64 of {@code [A-Za-z0-9:._-]}; default {@value #DEFAULT_KEY_PREFIX})
 * @param maxPoolSize connections to Redis for ordinary calls (1..256; default {@value #DEFAULT_MAX_POOL_SIZE});
 *     subscriptions and stream reads use their own
 * @param invalidationsMaxLength about how many takedown and update events the shared stream keeps
 *     ({@code XADD MAXLEN ~}; 100..10,000,000; default {@value #DEFAULT_INVALIDATIONS_MAX_LENGTH}): a node whose
 *     connection was down for longer than the cluster takes to send this many misses the oldest
 * @param heartbeat how often a node tells Redis it is alive; a node silent for three of these is no longer counted
 *     in the shares of the rate limits (1 s..1 min; default {@link #DEFAULT_HEARTBEAT})
 * @param leaseTime how long a node's lease to fetch one media id from the hub for the whole cluster lasts; the holder
 *     renews it every third of it while its hub call runs, so this is how soon the others take over from a holder
 *     that died (100 ms..1 min; default {@link #DEFAULT_LEASE_TIME})
 * @param leaseWait the longest a node waits for another node's hub call before it asks the hub itself; at least
 *     {@code leaseTime}, and best above {@code hub.timeout} (100 ms..5 min; default {@link #DEFAULT_LEASE_WAIT})
 */
public record ClusterOptions(@Nullable String url, Duration deadline, Duration retryAfter, String keyPrefix,
    int maxPoolSize, int invalidationsMaxLength, Duration heartbeat, Duration leaseTime, Duration leaseWait) {

  /** The configuration section whose {@value #SUBSECTION} subsection holds these options. */
  public static final String KEY = "cache";
  /** The subsection of {@value #KEY}. */
  public static final String SUBSECTION = "redis";
  /** Default {@link #deadline()}: 50 ms (loopback or one data centre: a healthy Redis answers in well under 1 ms). */
  public static final Duration DEFAULT_DEADLINE = Duration.ofMillis(50);
  /** Default {@link #retryAfter()}: 1 s. */
  public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
  /** Default {@link #keyPrefix()}. */
  public static final String DEFAULT_KEY_PREFIX = "playgate:";
  /** Default {@link #maxPoolSize()}. */
  public static final int DEFAULT_MAX_POOL_SIZE = 8;
  /** Default {@link #invalidationsMaxLength()}. */
  public static final int DEFAULT_INVALIDATIONS_MAX_LENGTH = 100_000;
  /** Default {@link #heartbeat()}: 2 s. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(2);
  /** Default {@link #leaseTime()}: 2 s. */
  public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(2);
  /** Default {@link #leaseWait()}: 6 s, above the default {@code hub.timeout} of 5 s. */
  public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(6);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9:._-]{1,64}");

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a URL that is not {@code redis://} or {@code rediss://} with a host, or a
   *     value out of its range
   */
  public ClusterOptions {
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(leaseTime, "leaseTime");
    Objects.requireNonNull(leaseWait, "leaseWait");
    if (url != null && !isRedisUrl(url)) {
      throw new IllegalArgumentException("not a redis:// URL");
    }
    if (deadline.toMillis() < 1 || deadline.compareTo(Duration.ofSeconds(10)) > 0
        || retryAfter.toMillis() < 100 || retryAfter.compareTo(Duration.ofMinutes(1)) > 0
        || !PREFIX.matcher(keyPrefix).matches() || maxPoolSize < 1 || maxPoolSize > 256
        || invalidationsMaxLength < 100 || invalidationsMaxLength > 10_000_000
        || heartbeat.compareTo(Duration.ofSeconds(1)) < 0 || heartbeat.compareTo(Duration.ofMinutes(1)) > 0
        || leaseTime.toMillis() < 100 || leaseTime.compareTo(Duration.ofMinutes(1)) > 0
        || leaseWait.compareTo(leaseTime) < 0 || leaseWait.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("invalid cache.redis options");
    }
  }

  /** Options with every default: no Redis. */
  public ClusterOptions() {
    this(null, DEFAULT_DEADLINE, DEFAULT_RETRY_AFTER, DEFAULT_KEY_PREFIX, DEFAULT_MAX_POOL_SIZE);
  }

  /**
   * Options with the shared stream's length, the heartbeat and the lease time and wait at their defaults.
   *
   * @param url as the record's
   * @param deadline as the record's
   * @param retryAfter as the record's
   * @param keyPrefix as the record's
   * @param maxPoolSize as the record's
   */
  public ClusterOptions(@Nullable String url, Duration deadline, Duration retryAfter, String keyPrefix,
      int maxPoolSize) {
    this(url, deadline, retryAfter, keyPrefix, maxPoolSize, DEFAULT_INVALIDATIONS_MAX_LENGTH, DEFAULT_HEARTBEAT,
        DEFAULT_LEASE_TIME, DEFAULT_LEASE_WAIT);
  }

  /**
   * Reads and checks the {@code redis} subsection of the {@value #KEY} section.
   *
   * @param cacheSection the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the bad key, e.g. {@code cache.redis.deadline}
   */
  public static ClusterOptions fromJson(@Nullable JsonObject cacheSection) {
    ConfigReader r = ConfigReader.of(KEY, cacheSection).section(SUBSECTION, "a section {url, deadline, …}");
    String url = r.optionalString("url");
    if (url != null && !isRedisUrl(url)) {
      throw r.invalid("url", "expected redis://host:port or rediss://host:port");
    }
    String prefix = r.string("keyPrefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw r.invalid("keyPrefix", "expected 1..64 of A-Z a-z 0-9 : . _ -");
    }
    Duration leaseTime = r.durationIn("leaseTime", Duration.ofMillis(100), Duration.ofMinutes(1));
    Duration leaseWait = r.durationIn("leaseWait", Duration.ofMillis(100), Duration.ofMinutes(5));
    if (leaseWait.compareTo(leaseTime) < 0) {
      throw r.invalid("leaseWait", "must not be shorter than cache.redis.leaseTime");
    }
    return new ClusterOptions(url, r.durationIn("deadline", Duration.ofMillis(1), Duration.ofSeconds(10)),
        r.durationIn("retryAfter", Duration.ofMillis(100), Duration.ofMinutes(1)), prefix,
        r.intIn("maxPoolSize", 1, 256), r.intIn("invalidationsMaxLength", 100, 10_000_000),
        r.durationIn("heartbeat", Duration.ofSeconds(1), Duration.ofMinutes(1)), leaseTime, leaseWait);
  }

  /** @return the {@code redis} subsection, as {@link #fromJson} reads it back (the URL with its password) */
  public JsonObject toJson() {
    return new JsonObject().put("url", url).put("deadline", Durations.format(deadline))
        .put("retryAfter", Durations.format(retryAfter)).put("keyPrefix", keyPrefix).put("maxPoolSize", maxPoolSize)
        .put("invalidationsMaxLength", invalidationsMaxLength).put("heartbeat", Durations.format(heartbeat))
        .put("leaseTime", Durations.format(leaseTime)).put("leaseWait", Durations.format(leaseWait));
  }

  /** @return whether a Redis is configured, so the node shares its cache, takedowns and limits */
  public boolean enabled() {
    return url != null;
  }

  /** @return the URL without its user and password, for logs and health data; {@code "off"} without one */
  public String safeUrl() {
    if (url == null) {
      return "off";
    }
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getRawPath() == null ? "" : u.getRawPath());
  }

  @Override
  public String toString() {
    return "ClusterOptions[url=" + safeUrl() + ", deadline=" + deadline + ", retryAfter=" + retryAfter
        + ", keyPrefix=" + keyPrefix + ", maxPoolSize=" + maxPoolSize + ", invalidationsMaxLength="
        + invalidationsMaxLength + ", heartbeat=" + heartbeat + ", leaseTime=" + leaseTime
        + ", leaseWait=" + leaseWait + "]";
  }

  private static boolean isRedisUrl(String url) {
    try {
      URI u = new URI(url);
      return ("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme())) && u.getHost() != null;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }
}
