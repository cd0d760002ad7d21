package io.playgate.gateway.hub;

import io.playgate.gateway.options.ConfigReader;
import io.playgate.units.Durations;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@link CircuitBreakerHubClient} (vertx-circuit-breaker), read from the {@code breaker*} keys of the
 * {@value #KEY} section of {@code conf/gateway.yaml}.
 *
 * @param maxFailures hub failures (5xx, timeout, connect error, bad answer) within {@code failureWindow} that open
 *     the breaker, positive
 * @param failureWindow the rolling window in which failures are counted, positive
 * @param resetTimeout how long the breaker stays open before it lets one probe request through (half-open); a
 *     successful probe closes it, a failed one opens it again; positive
 */
public record HubBreakerOptions(int maxFailures, Duration failureWindow, Duration resetTimeout) {

  /** The configuration section these options are read from. */
  public static final String KEY = "hub";
  /** Default {@link #maxFailures()}: 5 failures. */
  public static final int DEFAULT_MAX_FAILURES = 5;
  /** Default {@link #failureWindow()}: 10 s. */
  public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofSeconds(10);
  /** Default {@link #resetTimeout()}: 5 s. */
  public static final Duration DEFAULT_RESET_TIMEOUT = Duration.ofSeconds(5);

  /** Options with every default, as {@code conf/gateway.yaml} ships them. */
  public HubBreakerOptions() {
    this(DEFAULT_MAX_FAILURES, DEFAULT_FAILURE_WINDOW, DEFAULT_RESET_TIMEOUT);
  }

  /**
   * Reads and checks {@code breakerMaxFailures} (1..10,000), {@code breakerFailureWindow} and
   * {@code breakerResetTimeout} (1 ms..1 h) of the {@value #KEY} section.
   *
   * @param json the {@value #KEY} section
   * @return the options
   * @throws io.playgate.gateway.options.ConfigException naming the first bad key, e.g. {@code hub.breakerMaxFailures}
   */
  public static HubBreakerOptions fromJson(@Nullable JsonObject json) {
    ConfigReader h = ConfigReader.of(KEY, json);
    return new HubBreakerOptions(h.intIn("breakerMaxFailures", 1, 10_000),
        h.durationIn("breakerFailureWindow", Duration.ofMillis(1), Duration.ofHours(1)),
        h.durationIn("breakerResetTimeout", Duration.ofMillis(1), Duration.ofHours(1)));
  }

  /** @return the breaker's keys of the {@value #KEY} section, as {@link #fromJson} reads them */
  public JsonObject toJson() {
    return new JsonObject().put("breakerMaxFailures", maxFailures)
        .put("breakerFailureWindow", Durations.format(failureWindow)).put("breakerResetTimeout", Durations.format(resetTimeout));
  }

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
