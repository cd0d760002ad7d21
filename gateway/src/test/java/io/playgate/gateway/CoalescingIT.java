package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 100 concurrent cold oEmbed requests for one id make exactly one hub request, counted at the real local hub:
 * once on an embedded gateway, once on a remote-mode gateway pointed at the first one's /hub.
 */
class CoalescingIT {

  private static final int CONCURRENCY = 100;

  @RegisterExtension
  final GatewayExtension embedded = GatewayExtension.embedded();

  private static List<HttpResponse<String>> burst(String base, String id) {
    String url = base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8);
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      pending.add(Http.getAsync(url));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  private static void assertAllSame(List<HttpResponse<String>> responses) {
    assertThat(responses).hasSize(CONCURRENCY).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
    String title = Http.json(responses.get(0)).getString("title");
    String html = Http.json(responses.get(0)).getString("html");
    assertThat(responses).allSatisfy(r -> {
      assertThat(Http.json(r).getString("title")).isEqualTo(title);
      assertThat(Http.json(r).getString("html")).isEqualTo(html);
    });
  }

  @Test
  void embeddedGatewayCoalesces() {
    embedded.localHub().resetCounts();
    // a slow hub, so every request of the burst arrives while the first hub call is still in flight
    HubFaults.of(embedded.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
    List<HttpResponse<String>> responses = burst(embedded.base(), "t2");
    assertAllSame(responses);
    assertThat(embedded.localHub().requestCount("t2")).isEqualTo(1);
    System.out.println("coalescing.embedded concurrent=" + CONCURRENCY + " hubRequests=" + embedded.localHub().requestCount("t2"));
  }

  @Test
  void remoteGatewayCoalesces() {
    Playgate remote = embedded.another(Map.of("hub.mode", "remote", "hub.url", embedded.base() + "/hub"));
    embedded.localHub().resetCounts();
    HubFaults.of(embedded.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofMillis(300)));
    List<HttpResponse<String>> responses = burst(remote.publicBaseUrl(), "v1");
    assertAllSame(responses);
    assertThat(Http.json(responses.get(0)).getString("type")).isEqualTo("video");
    assertThat(embedded.localHub().requestCount("v1")).isEqualTo(1);
    assertThat(embedded.localHub().totalRequests()).isEqualTo(1);
    System.out.println("coalescing.remote concurrent=" + CONCURRENCY + " hubRequests=" + embedded.localHub().requestCount("v1"));
    // remote mode serves pages too, with media URLs from the hub
    assertThat(Http.get(remote.publicBaseUrl() + "/embed/v1").body()).contains(embedded.base() + "/hub/files/media/blob.webm");
    assertThat(Http.get(remote.publicBaseUrl() + "/health/ready").statusCode()).isEqualTo(200);
  }
}
