package io.playgate.gateway.partner;

import static io.playgate.gateway.partner.PartnerFixtures.ACME_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.ACME_SHA256;
import static io.playgate.gateway.partner.PartnerFixtures.TINY_KEY;
import static io.playgate.gateway.partner.PartnerFixtures.TINY_SHA256;
import static io.playgate.gateway.partner.PartnerFixtures.oembed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A partner's token bucket is one bucket for the cluster (ARCHITECTURE.md, "Shared rate limits"): three gateways on
 * one real {@code redis-server}, a partner limited to 60 requests a minute. Spread over the three nodes it gets 60 in
 * total (plus what refills while the test runs: one a second), then 429 on every node; with Redis stopped each node
 * admits about its share, 20.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class SharedRateLimitIT {

  /** Two partners of 60 a minute: one per test, so the outage test starts with its share whole. */
  private static final String PARTNERS = "[{\"name\": \"acme\", \"keySha256\": \"" + ACME_SHA256 + "\","
      + " \"rateLimit\": {\"capacity\": 60, \"period\": \"1m\"}},"
      + " {\"name\": \"tiny\", \"keySha256\": \"" + TINY_SHA256 + "\","
      + " \"rateLimit\": {\"capacity\": 60, \"period\": \"1m\"}}]";
  private static final Map<String, String> CLUSTER = Map.of("partners.list", PARTNERS,
      "cache.redis.deadline", "500ms", "cache.redis.heartbeat", "1s");

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension a = GatewayExtension.embedded().with("cache.redis.url", redis::url)
      .with("partners.list", PARTNERS).with("cache.redis.deadline", "500ms").with("cache.redis.heartbeat", "1s");

  private static List<Playgate> nodes;

  @BeforeAll
  static void moreNodes() {
    Map<String, String> config = new java.util.HashMap<>(CLUSTER);
    config.put("cache.redis.url", redis.url());
    nodes = List.of(a.playgate(), a.another(config), a.another(config));
    for (Playgate node : nodes) {
      await().atMost(Duration.ofSeconds(10)).until(() -> liveNodes(node.meterRegistry()) == 3);
    }
  }

  @Test
  void aSpreadOverThreeNodesGetsTheLimitInTotalThen429OnEveryNode() throws Exception {
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      sent.add(Http.getAsync(oembed(nodes.get(i % 3).publicBaseUrl(), "t1", ""), "Authorization", "Bearer " + ACME_KEY));
    }
    int[] allowed = new int[3];
    int[] refused = new int[3];
    for (int i = 0; i < sent.size(); i++) {
      HttpResponse<String> r = sent.get(i).join();
      assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
      if (r.statusCode() == 200) {
        allowed[i % 3]++;
      } else {
        refused[i % 3]++;
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
      }
    }
    long refilled = (System.nanoTime() - start) / 1_000_000_000L + 1; // 60 a minute: one a second
    assertThat(allowed[0] + allowed[1] + allowed[2]).as("admitted over three nodes, %s s", refilled)
        .isBetween(60, 60 + (int) refilled);
    // then 429 on every node (three tries each: the bucket refills one token a second, which one node may take)
    for (int i = 0; i < 9; i++) {
      HttpResponse<String> r = Http.get(oembed(nodes.get(i % 3).publicBaseUrl(), "t1", ""),
          "Authorization", "Bearer " + ACME_KEY);
      refused[i % 3] += r.statusCode() == 429 ? 1 : 0;
    }
    assertThat(refused).as("429s per node").doesNotContain(0);
    double batches = 0;
    for (Playgate node : nodes) {
      batches += node.meterRegistry().get("playgate.cluster.ratelimit.batches").tag("outcome", "taken")
          .counter().count();
    }
    assertThat(batches).as("batches taken: fewer round trips than requests").isLessThan(60);
  }

  @Test
  void bWithRedisStoppedEachNodeAdmitsItsShare() throws Exception {
    redis.stop();
    try {
      long start = System.nanoTime();
      int[] allowed = new int[3];
      for (int i = 0; i < 90; i++) {
        HttpResponse<String> r = Http.get(oembed(nodes.get(i % 3).publicBaseUrl(), "t1", ""),
            "Authorization", "Bearer " + TINY_KEY);
        assertThat(r.statusCode()).as(r.body()).isIn(200, 429);
        allowed[i % 3] += r.statusCode() == 200 ? 1 : 0;
      }
      // a share of 20, plus a refill of one every 3 s
      int slack = (int) ((System.nanoTime() - start) / 3_000_000_000L) + 1;
      for (int n : allowed) {
        assertThat(n).as("admitted per node of %s", java.util.Arrays.toString(allowed)).isBetween(20, 20 + slack);
      }
    } finally {
      redis.start();
    }
  }

  private static double liveNodes(MeterRegistry registry) {
    return registry.get("playgate.cluster.nodes").gauge().value();
  }
}
