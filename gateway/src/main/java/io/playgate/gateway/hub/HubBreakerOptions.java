package io.playgate.gateway.hub;

import java.time.Duration;

/**
 * Options of {@link CircuitBreakerHubClient} (vertx-circuit-breaker).
 *
 * @param maxFailures hub failures (5xx, timeout, connect error, bad answer) within {@code failureWindow} that open
 *     the breaker, positive
 * @param failureWindow the rolling window in which failures are counted, positive
 * @param resetTimeout how long the breaker stays open before it lets one probe request through (half-open); a
 *     successful probe closes it, a failed one opens it again; positive
 */
public record HubBreakerOptions(int maxFailures, Duration failureWindow, Duration resetTimeout) {

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException when a value is not positive
   */
  public HubBreakerOptions {
    if (maxFailures <= 0 || failureWindow.isNegative() || failureWindow.isZero() || resetTimeout.isNegative()
        || resetTimeout.isZero()) {
      throw new IllegalArgumentException("breaker options must be positive");
    }
  }
}
