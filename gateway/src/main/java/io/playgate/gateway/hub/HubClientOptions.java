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
 * @param timeout total deadline of one call from send to last body byte, positive
 * @param maxBodyBytes cap on the decoded (decompressed) body, positive
 * @param maxPoolSize maximum pooled connections to the hub, positive
 */
public record HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
    int maxPoolSize) {

  /** Default connect timeout: 2 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Default total deadline: 5 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** Default decoded-body cap: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** Default pool size: 32. */
  public static final int DEFAULT_MAX_POOL_SIZE = 32;

  /** Checks the values. */
  public HubClientOptions {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (connectTimeout.isNegative() || connectTimeout.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxBodyBytes <= 0 || maxPoolSize <= 0) {
      throw new IllegalArgumentException("maxBodyBytes and maxPoolSize must be positive");
    }
  }
}
