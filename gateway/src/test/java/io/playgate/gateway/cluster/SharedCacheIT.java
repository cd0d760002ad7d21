package io.playgate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.RedisServer;
import io.playgate.gateway.testing.TestGateway;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cache's second level across nodes (ARCHITECTURE.md, "The cache's second level"): several remote-mode gateways
 * in one JVM share one real {@code redis-server} in front of one slow hub (an embedded gateway's local hub, which
 * counts its requests): one hub call per cold key for the cluster, also when the lease holder stops mid-fetch;
 * remaining freshness served from another node's entry; a Redis outage that costs no request; garbage under our
 * keys read as a miss; one revalidation for the cluster under stale-while-revalidate.
 */
class SharedCacheIT {

  private static final int BURST = 300;

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  /** The hub: its local hub answers /hub/v1/media/{id} with max-age 60 and counts what it is asked. */
  @RegisterExtension
  @Order(2)
  final GatewayExtension hub = GatewayExtension.embedded().with("hub.maxAge", "60s");

  private final List<Playgate> nodes = new ArrayList<>();

  @BeforeEach
  void cleanRedis() throws Exception {
    if (!redis.isRunning()) {
      redis.start();
    }
    redis.flushAll();
    hub.localHub().resetCounts();
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (Playgate node : nodes) {
      node.stop().await(10, TimeUnit.SECONDS);
    }
    nodes.clear();
  }

  /** A remote-mode node on the test's Vert.x, sharing the Redis; it is stopped after the test. */
  private Playgate node() {
    Map<String, String> config = new HashMap<>();
    config.put("hub.mode", "remote");
    config.put("hub.url", hub.base() + "/hub");
    config.put("cache.redis.url", redis.url());
    // a deadline with room for a 2-core machine busy with other builds (production: tens of ms)
    config.put("cache.redis.deadline", "1s");
    Playgate node = TestGateway.start(hub.vertx(), config);
    nodes.add(node);
    return node;
  }

  /** Nodes take leases only while subscribed for the holders' notifications: wait until all are. */
  private void awaitSubscribed(int count) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      List<?> reply = (List<?>) redis.command("PUBSUB", "NUMSUB", "playgate:media:done");
      return reply != null && ((Long) reply.get(1)) >= count;
    });
  }

  private void hubLatency(Duration latency) {
    HubFaults.of(hub.localHub()).set(FaultSettings.NONE.withLatency(latency));
  }

  private static String oembedUrl(Playgate node, String id) {
    String base = node.publicBaseUrl();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8);
  }

  /** The oEmbed answer as every node would give it: without its own base URL and the per-request cache_age. */
  private static String comparable(Playgate node, HttpResponse<String> r) {
    JsonObject json = Http.json(r);
    json.remove("cache_age");
    return json.encode().replace(node.publicBaseUrl(), "BASE");
  }

  private static double count(Playgate node, String name, String... tags) {
    Counter c = node.meterRegistry().find(name).tags(tags).counter();
    if (c != null) {
      return c.count();
    }
    FunctionCounter f = node.meterRegistry().find(name).tags(tags).functionCounter();
    return f == null ? 0 : f.count();
  }

  private static String leases(List<Playgate> nodes) {
    StringBuilder sb = new StringBuilder();
    for (String outcome : List.of("won", "took_over", "waited", "alone")) {
      sb.append(outcome).append('=').append(nodes.stream()
          .map(n -> String.valueOf((long) count(n, "playgate.cache.lease", "outcome", outcome))).toList()).append(' ');
    }
    return sb.toString();
  }

  private static double sum(List<Playgate> nodes, String name, String... tags) {
    return nodes.stream().mapToDouble(n -> count(n, name, tags)).sum();
  }

  @Test
  void threeHundredColdRequestsOverThreeNodesMakeOneHubRequest() {
    List<Playgate> three = List.of(node(), node(), node());
    awaitSubscribed(3);
    hubLatency(Duration.ofMillis(300));
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      pending.add(Http.getAsync(oembedUrl(three.get(i % 3), "v1")));
    }
    List<HttpResponse<String>> answers = pending.stream().map(CompletableFuture::join).toList();
    assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    String first = comparable(three.get(0), answers.get(0));
    for (int i = 0; i < BURST; i++) {
      assertThat(comparable(three.get(i % 3), answers.get(i))).isEqualTo(first);
    }
    System.out.println("cluster.coldBurst leases " + leases(three));
    assertThat(hub.localHub().requestCount("v1")).isEqualTo(1);
    assertThat(sum(three, "playgate.cache.lease", "outcome", "won")).isEqualTo(1);
    assertThat(sum(three, "playgate.cache.lease", "outcome", "took_over")).isZero();
    assertThat(sum(three, "playgate.cache.lease", "outcome", "alone")).isZero();
    System.out.println("cluster.coldBurst nodes=3 requests=" + BURST + " hubRequests="
        + hub.localHub().requestCount("v1") + " leaseWaited=" + sum(three, "playgate.cache.lease", "outcome", "waited")
        + " l2Hits=" + sum(three, "playgate.cache.lookups", "level", "l2", "result", "hit"));
  }

  @Test
  void whenTheLeaseHolderStopsMidFetchTheOthersStillAnswer() throws Exception {
    List<Playgate> three = new ArrayList<>(List.of(node(), node(), node()));
    awaitSubscribed(3);
    // long enough that the holder is stopped while its hub call runs
    hubLatency(Duration.ofMillis(1500));
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      pending.add(Http.getAsync(oembedUrl(three.get(i % 3), "t2")));
    }
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> redis.command("GET", "playgate:lease:t2") != null);
    String holderId = (String) redis.command("GET", "playgate:lease:t2");
    Playgate holder = three.stream().filter(n -> holderId.equals(n.clusterNodeId())).findFirst().orElseThrow();
    holder.stop().await(10, TimeUnit.SECONDS);
    nodes.remove(holder);
    int answered = 0;
    for (int i = 0; i < BURST; i++) {
      if (three.get(i % 3) != holder) {
        HttpResponse<String> r = pending.get(i).get(15, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).getString("title")).isNotBlank();
        answered++;
      } else {
        pending.get(i).handle((r, e) -> null).get(15, TimeUnit.SECONDS); // may fail: that node is gone
      }
    }
    assertThat(answered).isEqualTo(BURST / 3 * 2);
    System.out.println("cluster.holderStopped leases " + leases(nodes));
    assertThat(hub.localHub().requestCount("t2")).isBetween(1L, 2L);
    System.out.println("cluster.holderStopped requestsToSurvivors=" + answered + " hubRequests="
        + hub.localHub().requestCount("t2") + " tookOver=" + sum(nodes, "playgate.cache.lease", "outcome", "took_over"));
  }

  @Test
  void aNodeServesAnotherNodesEntryWithWhatIsLeftOfItsFreshness() {
    Playgate a = node();
    Playgate b = node();
    HttpResponse<String> fromHub = Http.get(oembedUrl(a, "t1"));
    assertThat(Http.json(fromHub).getLong("cache_age")).isBetween(59L, 60L);
    ageSharedEntry("t1", Duration.ofSeconds(10));
    HttpResponse<String> fromRedis = Http.get(oembedUrl(b, "t1"));
    assertThat(fromRedis.statusCode()).isEqualTo(200);
    long cacheAge = Http.json(fromRedis).getLong("cache_age");
    assertThat(cacheAge).isBetween(48L, 50L);
    assertThat(fromRedis.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=" + cacheAge);
    assertThat(hub.localHub().requestCount("t1")).isEqualTo(1);
    assertThat(count(b, "playgate.cache.lookups", "level", "l2", "result", "hit")).isEqualTo(1);
    assertThat(count(b, "playgate.cache.lookups", "level", "l1", "result", "miss")).isEqualTo(1);
  }

  @Test
  void aRedisOutageCostsNoRequestAndSecondLevelHitsResumeAfterIt() throws Exception {
    Playgate a = node();
    Playgate b = node();
    List<String> cached = List.of("t1", "t2", "v1");
    for (String id : cached) {
      assertThat(Http.get(oembedUrl(a, id)).statusCode()).isEqualTo(200);
      assertThat(Http.get(oembedUrl(b, id)).statusCode()).isEqualTo(200);
    }
    assertThat(count(b, "playgate.cache.lookups", "level", "l2", "result", "hit")).isEqualTo(3);
    redis.stop();
    List<String> uncached = List.of("v2", "a1", "p1");
    int errors = 0;
    for (int i = 0; i < 300; i++) {
      Playgate node = i % 2 == 0 ? a : b;
      String id = i % 10 < 8 ? cached.get(i % 3) : uncached.get(i % 3);
      if (Http.get(oembedUrl(node, id)).statusCode() != 200) {
        errors++;
      }
    }
    assertThat(errors).isZero();
    for (String id : uncached) {
      assertThat(hub.localHub().requestCount(id)).as(id).isBetween(1L, 2L);
    }
    redis.start();
    // readiness probes Redis through the breaker: once both nodes say up, they use it again
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
        .until(() -> redisUp(a) && redisUp(b));
    double hitsBefore = count(b, "playgate.cache.lookups", "level", "l2", "result", "hit");
    assertThat(Http.get(oembedUrl(a, "amix")).statusCode()).isEqualTo(200);
    awaitShared("amix");
    assertThat(Http.get(oembedUrl(b, "amix")).statusCode()).isEqualTo(200);
    assertThat(count(b, "playgate.cache.lookups", "level", "l2", "result", "hit")).isEqualTo(hitsBefore + 1);
    assertThat(hub.localHub().requestCount("amix")).isEqualTo(1);
    System.out.println("cluster.redisOutage requests=300 errors=" + errors + " l2HitsAfterRestart="
        + (count(b, "playgate.cache.lookups", "level", "l2", "result", "hit") - hitsBefore));
  }

  private static boolean redisUp(Playgate node) {
    JsonObject ready = Http.json(Http.get(TestGateway.managementBase(node) + "/health/ready"));
    return "up".equals(ready.getJsonArray("checks").getJsonObject(0).getJsonObject("data").getString("redis"));
  }

  @Test
  void garbageUnderOurKeysIsAMissNeverAnError() {
    Playgate a = node();
    Playgate b = node();
    assertThat(Http.get(oembedUrl(a, "v2")).statusCode()).isEqualTo(200);
    awaitShared("v2");
    String good = (String) redis.command("GET", "playgate:media:v2");
    assertThat(good).startsWith("pg1\n");
    redis.command("SET", "playgate:media:t1", "a foreign value");
    redis.command("SET", "playgate:media:t2", good.replace("\"v2\"", "\"t2\"").substring(0, good.length() / 2));
    redis.command("SET", "playgate:media:v1", "pg0" + good.replace("\"v2\"", "\"v1\"").substring(3));
    redis.command("RPUSH", "playgate:media:a1", "not a string at all");
    for (String id : List.of("t1", "t2", "v1", "a1")) {
      HttpResponse<String> r = Http.get(oembedUrl(b, id));
      assertThat(r.statusCode()).as(id).isEqualTo(200);
      assertThat(hub.localHub().requestCount(id)).as(id).isEqualTo(1);
    }
    assertThat(count(b, "playgate.cache.l2.garbage")).isEqualTo(3);
    assertThat(count(b, "playgate.cache.lookups", "level", "l2", "result", "miss")).isEqualTo(4);
    // the node's hub answers replaced the garbage
    for (String id : List.of("t1", "t2", "v1", "a1")) {
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
          .until(() -> String.valueOf(redis.command("GET", "playgate:media:" + id)).startsWith("pg1\n{"));
    }
  }

  @Test
  void staleWhileRevalidateAcrossNodesRevalidatesOnceForTheCluster() {
    Playgate a = node();
    assertThat(Http.get(oembedUrl(a, "t1")).statusCode()).isEqualTo(200);
    // 65 s old with a 60 s lifetime: stale, inside the 30 s stale-while-revalidate window
    ageSharedEntry("t1", Duration.ofSeconds(65));
    List<Playgate> others = List.of(node(), node());
    awaitSubscribed(3);
    // slow enough that the second node asks while the first one's revalidation is still at the hub
    hubLatency(Duration.ofMillis(1000));
    for (Playgate n : others) {
      HttpResponse<String> r = Http.get(oembedUrl(n, "t1"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(Http.json(r).getLong("cache_age")).as("stale, served at once").isZero();
    }
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      pending.add(Http.getAsync(oembedUrl(others.get(i % 2), "t1")));
    }
    assertThat(pending).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
    // both nodes are done with their background revalidation: one won the lease, the other waited for it
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> sum(others, "playgate.cache.lease", "outcome", "won")
            + sum(others, "playgate.cache.lease", "outcome", "waited") == 2);
    assertThat(sum(others, "playgate.cache.lease", "outcome", "won")).isEqualTo(1);
    assertThat(hub.localHub().requestCount("t1")).isEqualTo(2);
    // the renewed entry is shared: fresh again on both nodes, and in Redis
    for (Playgate n : others) {
      assertThat(Http.json(Http.get(oembedUrl(n, "t1"))).getLong("cache_age")).isBetween(58L, 60L);
    }
    assertThat(hub.localHub().requestCount("t1")).isEqualTo(2);
  }

  private static void awaitShared(String id) {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> redis.command("GET", "playgate:media:" + id) != null);
  }

  /** Moves the shared entry's validation back by {@code by}, as if that much time had passed since the hub answered. */
  private static void ageSharedEntry(String id, Duration by) {
    awaitShared(id); // written after the node answered
    String value = (String) redis.command("GET", "playgate:media:" + id);
    assertThat(value).startsWith("pg1\n");
    JsonObject o = new JsonObject(value.substring(4));
    o.put("validatedAt", o.getLong("validatedAt") - by.toMillis());
    redis.command("SET", "playgate:media:" + id, "pg1\n" + o.encode(), "KEEPTTL");
  }
}
