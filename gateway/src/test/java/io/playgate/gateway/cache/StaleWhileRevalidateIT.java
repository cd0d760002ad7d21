package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.ScriptedHub;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 5861 stale-while-revalidate on a real gateway with a fake cache clock: after expiry the first requests are
 * answered from the stale entry at once, and exactly one revalidation reaches the hub — a {@code 304} from the
 * embedded local hub (delayed 2 s, so the answer provably came before the hub's), and a 200 with new data from a
 * {@link ScriptedHub}.
 */
class StaleWhileRevalidateIT {

  private static List<HttpResponse<String>> concurrently(String url, int n) {
    List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pending.add(Http.getAsync(url));
    }
    return pending.stream().map(CompletableFuture::join).toList();
  }

  /** A 304 from the embedded local hub. */
  @Nested
  class FromTheLocalHub {

    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.embedded().fakeClock().with("hub.maxAge", "60s");

    @Test
    void notModifiedPath() throws Exception {
      String base = gateway.base();
      String url = base + "/oembed?url=" + URLEncoder.encode(base + "/media/t1", StandardCharsets.UTF_8);
      HttpResponse<String> warm = Http.get(url);
      assertThat(Http.json(warm).getLong("cache_age")).isEqualTo(60);
      gateway.localHub().resetCounts();
      HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofSeconds(2)));
      gateway.ticker().advance(Duration.ofSeconds(70));

      List<HttpResponse<String>> stale = concurrently(url, 20);
      // every answer left while the one revalidation was still waiting for the slow hub
      assertThat(gateway.cache().inflightCount()).isEqualTo(1);
      assertThat(stale).allSatisfy(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).getLong("cache_age")).isZero();
        assertThat(Http.json(r).getString("title")).isEqualTo(Http.json(warm).getString("title"));
      });
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
          .untilAsserted(() -> assertThat(gateway.cache().inflightCount()).as("revalidations in flight").isZero());
      assertThat(gateway.localHub().requestCount("t1")).isEqualTo(1);
      HttpResponse<String> renewed = Http.get(url);
      assertThat(Http.json(renewed).getLong("cache_age")).isEqualTo(60);
      assertThat(renewed.headers().firstValue("ETag")).isEqualTo(warm.headers().firstValue("ETag"));
      assertThat(gateway.localHub().requestCount("t1")).isEqualTo(1);
    }
  }

  /** A 200 with new data from a scripted hub. */
  @Nested
  class FromAScriptedHub {

    @RegisterExtension
    final GatewayExtension gateway = GatewayExtension.remoteScripted(Duration.ofSeconds(60)).fakeClock();

    @Test
    void newDataPath() throws Exception {
      ScriptedHub hub = gateway.scriptedHub().item("s1", "Old title");
      String url = gateway.base() + "/embed/s1";
      assertThat(Http.get(url).body()).contains("Old title");
      hub.item("s1", "New title");
      gateway.ticker().advance(Duration.ofSeconds(61));

      HttpResponse<String> first = Http.get(url);
      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body()).as("answered from the stale entry").contains("Old title");
      assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=0,");
      // the hub answers at once here, so a request may see either side of the revalidation, never a second one
      List<HttpResponse<String>> more = concurrently(url, 20);
      assertThat(more).allSatisfy(r -> {
        assertThat(r.statusCode()).isEqualTo(200);
        String cc = r.headers().firstValue("Cache-Control").orElseThrow();
        assertThat(r.body().contains("Old title") ? cc.startsWith("public, max-age=0,") : cc.startsWith("public, max-age=60,"))
            .isTrue();
      });
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
          .untilAsserted(() -> assertThat(gateway.cache().inflightCount()).as("revalidations in flight").isZero());
      HttpResponse<String> fresh = Http.get(url);
      assertThat(fresh.body()).contains("New title").doesNotContain("Old title");
      assertThat(fresh.headers().firstValue("Cache-Control").orElseThrow()).startsWith("public, max-age=60,");
      assertThat(hub.count("s1")).isEqualTo(2);
    }
  }
}
