package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.FakeTicker;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.ScriptedHub;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Negative entries on a real gateway with a fake cache clock: the hub's 404 and 403 are remembered for
 * {@code cache.negativeTtl} (30 s), then asked again. The file-backed local hub cannot make an item appear or turn
 * public, so these run against a {@link ScriptedHub}; the local hub's own 404/410/403 are checked too.
 */
class NegativeCachingIT {

  private final FakeTicker ticker = new FakeTicker();
  private Vertx vertx;
  private ScriptedHub hub;
  private Playgate gateway;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    hub = ScriptedHub.start(vertx, 300);
    gateway = TestGateway.start(vertx, Map.of("hub.mode", "remote", "hub.url", hub.url(),
        "oembed.schemes", "https://hub.example/track/{id}"), ticker);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private int oembed(String id) {
    return Http.get(gateway.publicBaseUrl() + "/oembed?url="
        + URLEncoder.encode("https://hub.example/track/" + id, StandardCharsets.UTF_8)).statusCode();
  }

  @Test
  void notFoundThenTheItemAppearsAndIsServedAfterTheNegativeTtl() {
    hub.status("n1", 404);
    assertThat(oembed("n1")).isEqualTo(404);
    hub.item("n1", "Now here");
    ticker.advance(Duration.ofSeconds(29));
    assertThat(oembed("n1")).isEqualTo(404);
    assertThat(Http.get(gateway.publicBaseUrl() + "/embed/n1").statusCode()).isEqualTo(404);
    assertThat(hub.count("n1")).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(oembed("n1")).isEqualTo(200);
    assertThat(hub.count("n1")).isEqualTo(2);
  }

  @Test
  void privateIs401ThenTheItemTurnsPublicAndIsServedAfterTheTtl() {
    hub.status("p1", 403);
    assertThat(oembed("p1")).isEqualTo(401);
    hub.item("p1", "Public now");
    assertThat(oembed("p1")).isEqualTo(401);
    assertThat(hub.count("p1")).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(30));
    assertThat(oembed("p1")).isEqualTo(200);
    assertThat(hub.count("p1")).isEqualTo(2);
  }

  @Test
  void theLocalHubsAnswersAreRememberedToo() throws Exception {
    Playgate embedded = TestGateway.start(vertx, Map.of(), ticker);
    try {
      embedded.localHub().resetCounts();
      for (int i = 0; i < 3; i++) {
        assertThat(Http.get(embedded.publicBaseUrl() + "/embed/gone1").statusCode()).isEqualTo(404);
        assertThat(Http.get(embedded.publicBaseUrl() + "/media/private1").statusCode()).isEqualTo(401);
        assertThat(Http.get(embedded.publicBaseUrl() + "/media/nosuch").statusCode()).isEqualTo(404);
      }
      assertThat(embedded.localHub().totalRequests()).isEqualTo(3);
      ticker.advance(Duration.ofSeconds(31));
      assertThat(Http.get(embedded.publicBaseUrl() + "/embed/gone1").statusCode()).isEqualTo(404);
      assertThat(embedded.localHub().requestCount("gone1")).isEqualTo(2);
    } finally {
      embedded.stop().await(10, TimeUnit.SECONDS);
    }
  }
}
