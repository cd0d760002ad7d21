package io.playgate.gateway.hub;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.gateway.options.Units;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link WebHubClient}, read from the {@value #KEY} section of {@code conf/gateway.yaml} ({@code url},
 * {@code connectTimeout}, {@code timeout}, {@code maxBodySize}, {@code maxPoolSize}, {@code maxWaitQueueSize},
 * {@code connectRetryDelay}, {@code apiKey}).
 *
 * @param baseUrl supplies the hub base URL without trailing slash, e.g. {@code https://hub.example} (read per call,
 *     so an embedded hub whose port is known only after binding can be named); never from a request
 * @param connectTimeout TCP connect timeout, positive
 * @param timeout total deadline of one call from send to last body byte, positive; a connect retry only starts
 *     while at least {@code connectTimeout} of it is left
 * @param maxBodyBytes cap on the decoded (decompressed) body, positive
 * @param maxPoolSize maximum pooled HTTP/1.1 connections to the hub ({@code PoolOptions.http1MaxSize}), positive
 * @param maxWaitQueueSize requests that may wait for a pooled connection ({@code PoolOptions.maxWaitQueueSize});
 *     beyond that a call fails at once as {@link HubFailure#UNAVAILABLE}; {@code >= 0}
 * @param connectRetryDelay base delay of the one retry after a connect error (connection refused or connect
 *     timeout); the real delay is drawn uniformly from [delay/2, delay] (jitter); zero disables the retry
 * @param apiKey the hub credential sent as {@code Authorization: Bearer} (the hub then answers private and unlisted
 *     MediaItems), or {@code null} for none
 */
public record HubClientOptions(Supplier<@Nullable String> baseUrl, Duration connectTimeout, Duration timeout,
    long maxBodyBytes, int maxPoolSize, int maxWaitQueueSize, Duration connectRetryDelay, @Nullable String apiKey) {

  /** The configuration section these options are read from. */
  public static final String KEY = "hub";
  /** Default {@link #connectRetryDelay()}: 50 ms. */
  public static final Duration DEFAULT_CONNECT_RETRY_DELAY = Duration.ofMillis(50);
  /** Default {@link #connectTimeout()}: 2 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Default {@link #timeout()}: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@link #maxBodyBytes()} ({@code hub.maxBodySize}): 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Default {@link #maxPoolSize()}: 32 connections. */
  public static final int DEFAULT_MAX_POOL_SIZE = 32;
  /** Default {@link #maxWaitQueueSize()}: 1024 waiting calls. */
  public static final int DEFAULT_MAX_WAIT_QUEUE_SIZE = 1024;

  /**
   * @param baseUrl see {@link #baseUrl()}
   * @return options with every default, as {@code conf/gateway.yaml} ships them, and no hub credential
   */
  public static HubClientOptions defaults(Supplier<@Nullable String> baseUrl) {
    return new HubClientOptions(baseUrl, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_BODY_BYTES,
        DEFAULT_MAX_POOL_SIZE, DEFAULT_MAX_WAIT_QUEUE_SIZE, DEFAULT_CONNECT_RETRY_DELAY, null);
  }

  /**
   * Reads and checks the client's keys of the {@value #KEY} section: {@code url} (an absolute http(s) URL or empty),
   * {@code connectTimeout} (1 ms..1 min), {@code timeout} (1 ms..5 min), {@code maxBodySize} (1 KiB..64 MiB),
   * {@code maxPoolSize} (1..1024), {@code maxWaitQueueSize} (0..100,000), {@code connectRetryDelay} (0..10 s),
   * {@code apiKey} (empty: none).
   *
   * @param json the {@value #KEY} section
   * @return the options; {@link #baseUrl()} supplies {@code hub.url}, {@code null} when it is empty (the embedded
   *     hub is then named with {@link #withBaseUrl})
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code hub.timeout}
   */
  public static HubClientOptions fromJson(@Nullable JsonObject json) {
    ConfigReader h = ConfigReader.of(KEY, json);
    String url = h.baseUrl("url");
    return new HubClientOptions(() -> url,
        h.durationIn("connectTimeout", Duration.ofMillis(1), Duration.ofMinutes(1)),
        h.durationIn("timeout", Duration.ofMillis(1), Duration.ofMinutes(5)),
        h.bytesIn("maxBodySize", 1024, 64L * 1024 * 1024),
        h.intIn("maxPoolSize", 1, 1024),
        h.intIn("maxWaitQueueSize", 0, 100_000),
        h.durationIn("connectRetryDelay", Duration.ZERO, Duration.ofSeconds(10)),
        h.optionalString("apiKey"));
  }

  /** @return the client's keys of the {@value #KEY} section, as {@link #fromJson} reads them (the API key included) */
  public JsonObject toJson() {
    return new JsonObject().put("url", baseUrl.get()).put("connectTimeout", Durations.format(connectTimeout))
        .put("timeout", Durations.format(timeout)).put("maxBodySize", Units.sizeText(maxBodyBytes))
        .put("maxPoolSize", maxPoolSize).put("maxWaitQueueSize", maxWaitQueueSize)
        .put("connectRetryDelay", Durations.format(connectRetryDelay)).put("apiKey", apiKey);
  }

  /**
   * @param hubBaseUrl supplies the hub base URL, see {@link #baseUrl()}
   * @return these options calling that hub
   */
  public HubClientOptions withBaseUrl(Supplier<@Nullable String> hubBaseUrl) {
    return new HubClientOptions(hubBaseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxWaitQueueSize,
        connectRetryDelay, apiKey);
  }

  /**
   * @param key the hub credential, or {@code null} for none
   * @return these options with that credential
   */
  public HubClientOptions withApiKey(@Nullable String key) {
    return new HubClientOptions(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxWaitQueueSize,
        connectRetryDelay, key);
  }

  /**
   * Options without a hub credential.
   *
   * @param baseUrl see {@link #baseUrl()}
   * @param connectTimeout see {@link #connectTimeout()}
   * @param timeout see {@link #timeout()}
   * @param maxBodyBytes see {@link #maxBodyBytes()}
   * @param maxPoolSize see {@link #maxPoolSize()}
   * @param maxWaitQueueSize see {@link #maxWaitQueueSize()}
   * @param connectRetryDelay see {@link #connectRetryDelay()}
   */
  public HubClientOptions(Supplier<@Nullable String> baseUrl, Duration connectTimeout, Duration timeout,
      long maxBodyBytes, int maxPoolSize, int maxWaitQueueSize, Duration connectRetryDelay) {
    this(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxWaitQueueSize, connectRetryDelay, null);
  }

  /**
   * Options with a wait queue of 64 per connection and the default connect retry.
   *
   * @param baseUrl see {@link #baseUrl()}
   * @param connectTimeout see {@link #connectTimeout()}
   * @param timeout see {@link #timeout()}
   * @param maxBodyBytes see {@link #maxBodyBytes()}
   * @param maxPoolSize see {@link #maxPoolSize()}
   * @param apiKey see {@link #apiKey()}
   */
  public HubClientOptions(Supplier<@Nullable String> baseUrl, Duration connectTimeout, Duration timeout,
      long maxBodyBytes, int maxPoolSize, @Nullable String apiKey) {
    this(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxPoolSize * 64, DEFAULT_CONNECT_RETRY_DELAY,
        apiKey);
  }

  @Override
  public String toString() {
    return "HubClientOptions[connectTimeout=" + connectTimeout + ", timeout=" + timeout + ", maxBodyBytes=" + maxBodyBytes
        + ", maxPoolSize=" + maxPoolSize + ", maxWaitQueueSize=" + maxWaitQueueSize + ", connectRetryDelay="
        + connectRetryDelay + ", apiKey=" + (apiKey == null ? "unset" : "***") + "]";
  }

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a non-positive timeout, size or pool, a negative queue or retry delay
   */
  public HubClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBodyBytes <= 0 || maxPoolSize <= 0 || maxWaitQueueSize < 0) {
      throw new IllegalArgumentException("maxBodyBytes and maxPoolSize must be positive, maxWaitQueueSize >= 0");
    }
    if (connectRetryDelay.isNegative()) {
      throw new IllegalArgumentException("connectRetryDelay must not be negative");
    }
  }

  /**
   * Options with a wait queue of 64 per connection and the default connect retry.
   *
   * @param baseUrl see {@link #baseUrl()}
   * @param connectTimeout see {@link #connectTimeout()}
   * @param timeout see {@link #timeout()}
   * @param maxBodyBytes see {@link #maxBodyBytes()}
   * @param maxPoolSize see {@link #maxPoolSize()}
   */
  public HubClientOptions(Supplier<@Nullable String> baseUrl, Duration connectTimeout, Duration timeout,
      long maxBodyBytes, int maxPoolSize) {
    this(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxPoolSize * 64, DEFAULT_CONNECT_RETRY_DELAY);
  }
}
