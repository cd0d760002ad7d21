package io.playgate.gateway.hub;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HubClient} behind a vertx-circuit-breaker: after {@link HubBreakerOptions#maxFailures()} hub failures
 * within {@link HubBreakerOptions#failureWindow()} the breaker opens and every call fails at once with
 * {@link HubFailure#UNAVAILABLE} (the cache then serves a stale entry or the gateway answers 502) without reaching
 * the hub; after {@link HubBreakerOptions#resetTimeout()} one probe call passes (half-open) and its outcome closes
 * or reopens the breaker. Only failures that say the hub is unwell count (status 5xx: unavailable, timeout, bad
 * answer); {@code 404}/{@code 410}/{@code 403}/{@code 304} are healthy answers. The breaker's own timeout and
 * retries are off: the wrapped client enforces the deadline and retries connect errors itself. State changes are
 * logged at WARN/INFO as {@code hub.breaker state=…}.
 */
public final class CircuitBreakerHubClient implements HubClient {

  private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakerHubClient.class);

  private final HubClient delegate;
  private final CircuitBreaker breaker;

  private CircuitBreakerHubClient(Vertx vertx, HubClient delegate, HubBreakerOptions options) {
    this.delegate = delegate;
    this.breaker = CircuitBreaker.create("playgate-hub", vertx, new CircuitBreakerOptions()
            .setMaxFailures(options.maxFailures())
            .setFailuresRollingWindow(options.failureWindow().toMillis())
            .setResetTimeout(options.resetTimeout().toMillis())
            .setTimeout(-1)
            .setMaxRetries(0)
            .setFallbackOnFailure(false))
        .failurePolicy(f -> f.failed() && !(f.cause() instanceof HubException he && he.failure().status() < 500))
        .openHandler(v -> LOG.warn("hub.breaker state=OPEN maxFailures={} resetTimeout={}ms", options.maxFailures(),
            options.resetTimeout().toMillis()))
        .halfOpenHandler(v -> LOG.info("hub.breaker state=HALF_OPEN (one probe passes)"))
        .closeHandler(v -> LOG.info("hub.breaker state=CLOSED"));
  }

  /**
   * @param vertx whose timers run the reset timeout
   * @param delegate the client that really calls the hub
   * @param options failures to open, rolling window, reset timeout
   * @return the protected client
   */
  public static CircuitBreakerHubClient create(Vertx vertx, HubClient delegate, HubBreakerOptions options) {
    return new CircuitBreakerHubClient(vertx, delegate, options);
  }

  /**
   * As {@link HubClient#fetch}; while the breaker is open the future fails at once with a {@link HubException} of
   * {@link HubFailure#UNAVAILABLE} whose reason is {@code circuit breaker open}.
   */
  @Override
  public Future<HubResponse> fetch(String id, @Nullable String ifNoneMatch) {
    return breaker.<HubResponse>execute(() -> delegate.fetch(id, ifNoneMatch))
        .recover(e -> Future.failedFuture(e instanceof OpenCircuitException
            ? new HubException(HubFailure.UNAVAILABLE, id, "circuit breaker open: hub not asked")
            : e instanceof HubException ? e : new HubException(HubFailure.UNAVAILABLE, id, e.toString())));
  }

  /** @return the breaker's state, for readiness and tests */
  public CircuitBreakerState state() {
    return breaker.state();
  }

  @Override
  public Future<Void> close() {
    breaker.close();
    return delegate.close();
  }
}
