package io.playgate.gateway.hub;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Options of {@link WebHubClient}.
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
public record HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
    int maxPoolSize, int maxWaitQueueSize, Duration connectRetryDelay, String apiKey) {

  /** Default {@link #connectRetryDelay()}: 50 ms. */
  public static final Duration DEFAULT_CONNECT_RETRY_DELAY = Duration.ofMillis(50);

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
  public HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
      int maxPoolSize, int maxWaitQueueSize, Duration connectRetryDelay) {
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
  public HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
      int maxPoolSize, String apiKey) {
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
  public HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
      int maxPoolSize) {
    this(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, maxPoolSize * 64, DEFAULT_CONNECT_RETRY_DELAY);
  }
}
