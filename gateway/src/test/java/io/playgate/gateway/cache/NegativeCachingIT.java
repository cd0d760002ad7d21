package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.ScriptedHub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Negative entries on a real gateway with a fake cache clock: the hub's 404 and 403 are remembered for
 * {@code cache.negativeTtl} (30 s), then asked again. The file-backed local hub cannot make an item appear or turn
 * public, so these run against a {@link ScriptedHub}; the local hub's own 404/410/403 are checked too.
 */
class NegativeCachingIT {

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.remoteScripted(Duration.ofSeconds(300)).fakeClock()
      .with("oembed.schemes", "https://hub.example/track/{id}");

  private int oembed(String id) {
    return Http.get(gateway.base() + "/oembed?url="
        + URLEncoder.encode("https://hub.example/track/" + id, StandardCharsets.UTF_8)).statusCode();
  }

  @Test
  void notFoundThenTheItemAppearsAndIsServedAfterTheNegativeTtl() {
    gateway.scriptedHub().status("n1", 404);
    assertThat(oembed("n1")).isEqualTo(404);
    gateway.scriptedHub().item("n1", "Now here");
    gateway.ticker().advance(Duration.ofSeconds(29));
    assertThat(oembed("n1")).isEqualTo(404);
    assertThat(Http.get(gateway.base() + "/embed/n1").statusCode()).isEqualTo(404);
    assertThat(gateway.scriptedHub().count("n1")).isEqualTo(1);
    gateway.ticker().advance(Duration.ofSeconds(1));
    assertThat(oembed("n1")).isEqualTo(200);
    assertThat(gateway.scriptedHub().count("n1")).isEqualTo(2);
  }

  @Test
  void privateIs401ThenTheItemTurnsPublicAndIsServedAfterTheTtl() {
    gateway.scriptedHub().status("p1", 403);
    assertThat(oembed("p1")).isEqualTo(401);
    gateway.scriptedHub().item("p1", "Public now");
    assertThat(oembed("p1")).isEqualTo(401);
    assertThat(gateway.scriptedHub().count("p1")).isEqualTo(1);
    gateway.ticker().advance(Duration.ofSeconds(30));
    assertThat(oembed("p1")).isEqualTo(200);
    assertThat(gateway.scriptedHub().count("p1")).isEqualTo(2);
  }

  @Test
  void theLocalHubsAnswersAreRememberedToo() throws Exception {
    // an embedded gateway on the same fake clock
    Playgate embedded = gateway.another(Map.of());
    embedded.localHub().resetCounts();
    for (int i = 0; i < 3; i++) {
      assertThat(Http.get(embedded.publicBaseUrl() + "/embed/gone1").statusCode()).isEqualTo(404);
      assertThat(Http.get(embedded.publicBaseUrl() + "/media/private1").statusCode()).isEqualTo(401);
      assertThat(Http.get(embedded.publicBaseUrl() + "/media/nosuch").statusCode()).isEqualTo(404);
    }
    assertThat(embedded.localHub().totalRequests()).isEqualTo(3);
    gateway.ticker().advance(Duration.ofSeconds(31));
    assertThat(Http.get(embedded.publicBaseUrl() + "/embed/gone1").statusCode()).isEqualTo(404);
    assertThat(embedded.localHub().requestCount("gone1")).isEqualTo(2);
  }
}
