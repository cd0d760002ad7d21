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
 * @param apiKey the hub credential sent as {@code Authorization: Bearer} (the hub then answers private and unlisted
 *     MediaItems), or {@code null} for none
 */
public record HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
    int maxPoolSize, String apiKey) {

  /** Options without a hub credential. */
  public HubClientOptions(Supplier<String> baseUrl, Duration connectTimeout, Duration timeout, long maxBodyBytes,
      int maxPoolSize) {
    this(baseUrl, connectTimeout, timeout, maxBodyBytes, maxPoolSize, null);
  }

  @Override
  public String toString() {
    return "HubClientOptions[connectTimeout=" + connectTimeout + ", timeout=" + timeout + ", maxBodyBytes=" + maxBodyBytes
        + ", maxPoolSize=" + maxPoolSize + ", apiKey=" + (apiKey == null ? "unset" : "***") + "]";
  }

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
