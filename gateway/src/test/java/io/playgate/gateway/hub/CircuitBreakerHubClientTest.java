package io.playgate.gateway.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The breaker around an in-memory hub (no ports): which answers count as failures, fail-fast while open, one
 * half-open probe after the reset timeout (100 ms or 2 s of real time: the breaker runs on Vert.x timers).
 */
class CircuitBreakerHubClientTest {

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<HubFailure> answer = new AtomicReference<>();
  private final HubClient hub = new HubClient() {
    @Override
    public Future<HubResponse> fetch(String id, String ifNoneMatch) {
      calls.incrementAndGet();
      HubFailure f = answer.get();
      return f == null ? Future.succeededFuture(new HubResponse(null, "\"e\"", 60L, true))
          : Future.failedFuture(new HubException(f, id, "test"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };
  private CircuitBreakerHubClient client = CircuitBreakerHubClient.create(vertx, hub,
      new HubBreakerOptions(3, Duration.ofSeconds(10), Duration.ofMillis(100)));

  @AfterEach
  void close() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HubFailure fetch() throws Exception {
    Future<HubResponse> f = vertx.<Future<HubResponse>>executeBlocking(() -> client.fetch("a", null))
        .compose(x -> x);
    try {
      f.await(5, TimeUnit.SECONDS);
      return null;
    } catch (HubException e) {
      return e.failure();
    }
  }

  /** The reset timeout runs on a Vert.x timer, in real time: wait for it, 5 s at most. */
  private void awaitHalfOpen() {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(client::state, state -> state == CircuitBreakerState.HALF_OPEN);
  }

  @Test
  void notFoundRemovedAndPrivateAreHealthyAnswers() throws Exception {
    for (HubFailure f : new HubFailure[] {HubFailure.NOT_FOUND, HubFailure.REMOVED, HubFailure.PRIVATE}) {
      answer.set(f);
      for (int i = 0; i < 5; i++) {
        assertThat(fetch()).isEqualTo(f);
      }
    }
    assertThat(client.state()).isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(calls.get()).isEqualTo(15);
  }

  @Test
  void opensAfterThreeFailuresFailsFastAndOneProbeCloses() throws Exception {
    answer.set(HubFailure.UNAVAILABLE);
    assertThat(fetch()).isEqualTo(HubFailure.UNAVAILABLE);
    answer.set(HubFailure.TIMEOUT);
    assertThat(fetch()).isEqualTo(HubFailure.TIMEOUT);
    answer.set(HubFailure.BAD_RESPONSE);
    assertThat(fetch()).isEqualTo(HubFailure.BAD_RESPONSE);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);
    answer.set(null);
    for (int i = 0; i < 10; i++) {
      assertThat(fetch()).isEqualTo(HubFailure.UNAVAILABLE);
    }
    assertThat(calls.get()).as("open: the hub is not asked").isEqualTo(3);
    awaitHalfOpen();
    assertThat(client.state()).isEqualTo(CircuitBreakerState.HALF_OPEN);
    assertThat(fetch()).isNull();
    assertThat(calls.get()).isEqualTo(4);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.CLOSED);
  }

  @Test
  void aFailedProbeOpensItAgain() throws Exception {
    // a longer reset timeout, so the reopened breaker cannot turn half-open again before the asserts on a busy machine
    client.close();
    client = CircuitBreakerHubClient.create(vertx, hub, new HubBreakerOptions(3, Duration.ofSeconds(10),
        Duration.ofSeconds(2)));
    answer.set(HubFailure.UNAVAILABLE);
    for (int i = 0; i < 3; i++) {
      fetch();
    }
    awaitHalfOpen();
    assertThat(fetch()).isEqualTo(HubFailure.UNAVAILABLE);
    assertThat(calls.get()).isEqualTo(4);
    assertThat(client.state()).isEqualTo(CircuitBreakerState.OPEN);
    assertThat(fetch()).isEqualTo(HubFailure.UNAVAILABLE);
    assertThat(calls.get()).isEqualTo(4);
  }
}
