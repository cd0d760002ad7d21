package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real gateway on its embedded local hub with fault injection and a fake cache clock: coalescing of 1,000
 * concurrent cold requests (success and failure), and a hub outage after warm-up (stale-if-error for cached ids,
 * fast 502 for the rest, the circuit breaker keeping requests off the hub, recovery).
 */
class HubResilienceIT {

  private static final int BURST = 1000;
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(30)).build();

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().fakeClock()
      .with("hub.maxAge", "60s").with("hub.breakerMaxFailures", "3").with("hub.breakerResetTimeout", "1s")
      .with("server.accessLog", "false");

  @BeforeEach
  void resetCounts() {
    gateway.localHub().resetCounts();
  }

  private String oembed(String id) {
    String base = gateway.base();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8);
  }

  /** Sends n requests at once; records when each response completed (ns). */
  private static List<HttpResponse<String>> burst(String url, int n, List<Long> doneNanos) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build();
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
        synchronized (doneNanos) {
          doneNanos.add(System.nanoTime());
        }
      }));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  /** Opens connections and warms the JIT on another id, so the measured burst is not the JVM's first. */
  private void warmUp() {
    burst(oembed("a1"), 200, new ArrayList<>());
    gateway.localHub().resetCounts();
  }

  @Test
  void thousandConcurrentColdRequestsMakeOneHubRequest() {
    warmUp();
    HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
    List<Long> done = new ArrayList<>();
    List<HttpResponse<String>> responses = burst(oembed("t2"), BURST, done);
    assertThat(responses).hasSize(BURST).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
    assertThat(gateway.localHub().requestCount("t2")).isEqualTo(1);
    assertThat(gateway.localHub().totalRequests()).isEqualTo(1);
    long spreadMillis = (done.stream().mapToLong(Long::longValue).max().orElseThrow()
        - done.stream().mapToLong(Long::longValue).min().orElseThrow()) / 1_000_000;
    System.out.println("coalescing.burst concurrent=" + BURST + " hubRequests=" + gateway.localHub().requestCount("t2")
        + " firstToLastResponseMs=" + spreadMillis);
  }

  @Test
  void aFailedColdRequestFailsEveryWaiterAndIsTriedAgain() {
    warmUp();
    HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofMillis(300)).withErrorRate(1.0, 503));
    List<HttpResponse<String>> responses = burst(oembed("t1"), BURST, new ArrayList<>());
    assertThat(responses).hasSize(BURST).allSatisfy(r -> {
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    });
    assertThat(gateway.localHub().requestCount("t1")).isEqualTo(1);
    HubFaults.of(gateway.localHub()).reset();
    // the failure is remembered for cache.failureTtl (2 s) only, never as a success ...
    assertThat(Http.get(oembed("t1")).statusCode()).isEqualTo(502);
    assertThat(gateway.localHub().requestCount("t1")).isEqualTo(1);
    // ... after which the next request tries again
    gateway.ticker().advance(Duration.ofSeconds(2));
    assertThat(Http.get(oembed("t1")).statusCode()).isEqualTo(200);
    assertThat(gateway.localHub().requestCount("t1")).isEqualTo(2);
  }

  @Test
  void outageServesCachedIdsOpensTheBreakerAndRecovers() throws Exception {
    String base = gateway.base();
    List<String> cached = List.of("t1", "t2", "v1", "a1");
    for (String id : cached) {
      assertThat(Http.get(oembed(id)).statusCode()).isEqualTo(200);
      assertThat(Http.get(base + "/embed/" + id).statusCode()).isEqualTo(200);
    }
    gateway.localHub().resetCounts();
    HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withOutage(true));
    // past freshness (60 s) and stale-while-revalidate (30 s), within stale-if-error (600 s)
    gateway.ticker().advance(Duration.ofSeconds(100));
    for (String id : cached) {
      HttpResponse<String> r = Http.get(oembed(id));
      assertThat(r.statusCode()).as(id).isEqualTo(200);
      assertThat(Http.json(r).getLong("cache_age")).isZero();
      assertThat(Http.get(base + "/media/" + id).statusCode()).isEqualTo(200);
    }
    // four failed revalidations: the breaker (3 failures) is open
    long atOpen = gateway.localHub().totalRequests();
    assertThat(atOpen).isBetween(3L, 4L);
    long start = System.nanoTime();
    for (String id : List.of("v2", "p1", "hostile")) {
      HttpResponse<String> r = Http.get(oembed(id));
      assertThat(r.statusCode()).as(id).isIn(502, 504);
      assertThat(r.body()).doesNotContain("Exception");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fail fast, well within the 5 s deadline")
        .isLessThan(Duration.ofSeconds(2));
    gateway.ticker().advance(Duration.ofSeconds(3)); // past the failure TTL: cached ids would revalidate again
    for (String id : cached) {
      assertThat(Http.get(base + "/embed/" + id).statusCode()).isEqualTo(200);
    }
    assertThat(gateway.localHub().totalRequests()).as("no request reaches the hub while the breaker is open")
        .isEqualTo(atOpen);

    // the hub returns; after the reset timeout (1 s) one probe closes the breaker
    HubFaults.of(gateway.localHub()).reset();
    // the breaker's reset timeout runs on a Vert.x timer, in real time: probe every 100 ms, for 20 s at most
    AtomicLong tries = new AtomicLong();
    AtomicInteger status = new AtomicInteger();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      gateway.ticker().advance(Duration.ofSeconds(3)); // past any remembered failure
      status.set(Http.get(oembed("v2")).statusCode());
      tries.incrementAndGet();
      return status.get() == 200;
    });
    assertThat(status.get()).isEqualTo(200);
    for (String id : List.of("p1", "hostile", "t1")) {
      HttpResponse<String> r = Http.get(oembed(id));
      assertThat(r.statusCode()).as(id).isEqualTo(200);
      assertThat(Http.json(r).getLong("cache_age")).as(id).isPositive();
    }
    System.out.println("outage.recovery probes=" + tries.get());
  }

  @Test
  void aDownRemoteHubLeavesTheNodeReadyAndSaysSo() throws Exception {
    int deadPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = socket.getLocalPort();
    }
    Playgate remote = gateway.another(Map.of("hub.mode", "remote",
        "hub.url", "http://localhost:" + deadPort + "/hub", "server.accessLog", "false"));
    HttpResponse<String> ready = Http.get(remote.publicBaseUrl() + "/health/ready");
    // a load balancer keeps the node: it still serves cached entries, and every node shares the one hub
    assertThat(ready.statusCode()).isEqualTo(200);
    io.vertx.core.json.JsonObject hubCheck = Http.json(ready).getJsonArray("checks").stream()
        .map(io.vertx.core.json.JsonObject.class::cast).filter(c -> "hub".equals(c.getString("id")))
        .findFirst().orElseThrow();
    assertThat(hubCheck.getJsonObject("data").getString("hub")).isIn("UNAVAILABLE", "TIMEOUT");
    String url = remote.publicBaseUrl() + "/oembed?url="
        + URLEncoder.encode(remote.publicBaseUrl() + "/media/t1", StandardCharsets.UTF_8);
    assertThat(Http.get(url).statusCode()).isIn(502, 504);
  }
}
