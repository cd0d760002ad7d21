package io.playgate.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.takedown.HubWebhookHandler;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.RedisServer;
import io.playgate.gateway.testing.TcpProxy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Takedowns reach every node over Redis's stream (ARCHITECTURE.md, "Takedown propagation"): three gateways on one
 * real {@code redis-server}, node B's Redis connections through a {@link TcpProxy} the test can cut. The webhook goes
 * to A; B and C must answer 404 within a second, and B, cut off while the webhook arrives, within a second of its
 * stream reader being back. With Redis stopped the webhook is a 503 (applied on A only, the hub sends it again).
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class TakedownPropagationIT {

  private static final String SECRET = "s3cret-for-tests";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final Duration PROPAGATION = Duration.ofSeconds(1);
  /** Room for a busy 2-core machine: a webhook whose event cannot be stored in time is a 503. */
  private static final String DEADLINE = "250ms";

  @RegisterExtension
  @Order(1)
  static final RedisServer redis = new RedisServer();

  @RegisterExtension
  @Order(2)
  static final GatewayExtension a = GatewayExtension.embedded().with("cache.redis.url", redis::url)
      .with("cache.redis.deadline", DEADLINE).with("hub.webhookSecret", SECRET);

  private static TcpProxy proxyOfB;
  private static Playgate b;
  private static Playgate c;

  @BeforeAll
  static void moreNodes() throws Exception {
    proxyOfB = TcpProxy.to(redis.port());
    b = a.another(Map.of("cache.redis.url", "redis://127.0.0.1:" + proxyOfB.port(), "cache.redis.deadline", DEADLINE));
    c = a.another(Map.of("cache.redis.url", redis.url(), "cache.redis.deadline", DEADLINE));
  }

  @AfterEach
  void restoreB() {
    proxyOfB.restore("");
  }

  @AfterAll
  static void closeProxy() throws Exception {
    proxyOfB.close();
  }

  @Test
  void aTakedownOnOneNodeIsA404OnEveryNodeWithinASecond() throws Exception {
    List<String> nodes = List.of(a.base(), b.publicBaseUrl(), c.publicBaseUrl());
    nodes.forEach(node -> assertServed(node, "t1", 200));
    assertThat(hook("media.removed", "t1").statusCode()).isEqualTo(204);
    assertServed(a.base(), "t1", 404);
    for (String node : nodes.subList(1, 3)) {
      await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(10)).until(() -> status(node + "/media/t1") == 404);
      assertServed(node, "t1", 404);
    }
    assertThat(counted(a.meterRegistry(), "sent")).isGreaterThanOrEqualTo(1);
    assertThat(counted(c.meterRegistry(), "applied")).isGreaterThanOrEqualTo(1);
    assertThat(c.meterRegistry().get("playgate.cluster.takedown.lag").timer().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aNodeCutOffWhileTheWebhookArrivesAppliesItWithinASecondOfReconnecting() throws Exception {
    List.of(a.base(), b.publicBaseUrl(), c.publicBaseUrl()).forEach(node -> assertServed(node, "t2", 200));
    proxyOfB.cut();
    assertThat(hook("media.removed", "t2").statusCode()).isEqualTo(204);
    assertServed(a.base(), "t2", 404);
    await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(10))
        .until(() -> status(c.publicBaseUrl() + "/media/t2") == 404);
    // B has not heard of it: it still plays its cached entry
    assertThat(status(b.publicBaseUrl() + "/media/t2")).isEqualTo(200);

    proxyOfB.restore("XREAD");
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> proxyOfB.sentSince("XREAD") >= 0);
    long reconnected = proxyOfB.sentSince("XREAD");
    await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(10))
        .until(() -> status(b.publicBaseUrl() + "/media/t2") == 404);
    assertThat((System.nanoTime() - reconnected) / 1_000_000).as("ms from B's reader back to its 404")
        .isLessThan(1000);
    assertServed(b.publicBaseUrl(), "t2", 404);
  }

  @Test
  void aWebhookThatCannotBeSharedIsA503AfterApplyingItLocally() throws Exception {
    assertServed(a.base(), "a1", 200);
    redis.stop();
    try {
      HttpResponse<String> r = hook("media.removed", "a1");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertServed(a.base(), "a1", 404);
    } finally {
      redis.start();
    }
  }

  private static void assertServed(String node, String id, int status) {
    String oembed = node + "/oembed?url=" + URLEncoder.encode(node + "/media/" + id, StandardCharsets.UTF_8);
    assertThat(status(oembed)).as("oEmbed of %s on %s", id, node).isEqualTo(status);
    assertThat(status(node + "/embed/" + id)).as("embed of %s on %s", id, node).isEqualTo(status);
    assertThat(status(node + "/media/" + id)).as("media page of %s on %s", id, node).isEqualTo(status);
  }

  private static int status(String url) {
    return Http.get(url).statusCode();
  }

  private static double counted(MeterRegistry registry, String direction) {
    return registry.get("playgate.cluster.invalidations").tag("direction", direction).counter().count();
  }

  private static HttpResponse<String> hook(String event, String... ids) throws Exception {
    byte[] body = new JsonObject().put("event", event).put("ids", new JsonArray(List.of((Object[]) ids)))
        .toBuffer().getBytes();
    return CLIENT.send(HttpRequest.newBuilder(URI.create(a.base() + "/hooks/hub"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
        .header(HubWebhookHandler.SIGNATURE_HEADER, HubWebhookHandler.sign(SECRET, body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
