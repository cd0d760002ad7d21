package io.playgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.artwork.ArtworkOptions;
import io.playgate.gateway.cache.MediaCacheOptions;
import io.playgate.gateway.embed.EmbedOptions;
import io.playgate.gateway.http.LimitsOptions;
import io.playgate.gateway.http.ServerOptions;
import io.playgate.gateway.http.ShutdownOptions;
import io.playgate.gateway.hub.HubBreakerOptions;
import io.playgate.gateway.hub.HubClientOptions;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.management.ManagementOptions;
import io.playgate.gateway.metrics.MetricsOptions;
import io.playgate.gateway.oembed.OEmbedOptions;
import io.playgate.gateway.partner.PartnersOptions;
import io.playgate.gateway.partner.RightsOptions;
import io.playgate.gateway.takedown.WebhookOptions;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each capability's options object: its DEFAULT_* constants are what conf/gateway.yaml ships, and toJson reads back. */
class CapabilityOptionsTest {

  private static Vertx vertx;

  @BeforeAll
  static void up() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void down() {
    vertx.close();
  }

  private static GatewayConfig load(String... kv) throws Exception {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty("playgate." + kv[i], kv[i + 1]);
    }
    return ConfigLoader.load(vertx, TestGateway.root().resolve("conf/gateway.yaml"), null, Map.of(), p)
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void defaultConstantsAreTheShippedDefaults() throws Exception {
    GatewayConfig c = load();
    assertThat(c.server()).isEqualTo(new ServerOptions());
    assertThat(c.limits()).isEqualTo(new LimitsOptions());
    assertThat(c.hub().mode()).isEqualTo(HubOptions.DEFAULT_MODE);
    assertThat(c.hub().catalog()).isEqualTo(HubOptions.DEFAULT_CATALOG);
    assertThat(c.hub().localMaxAge()).isEqualTo(HubOptions.DEFAULT_LOCAL_MAX_AGE);
    assertThat(c.hub().client().toJson()).isEqualTo(HubClientOptions.defaults(() -> null).toJson());
    assertThat(c.hub().breaker()).isEqualTo(new HubBreakerOptions());
    assertThat(c.webhook()).isEqualTo(new WebhookOptions());
    assertThat(c.cache()).isEqualTo(new MediaCacheOptions());
    assertThat(c.oembed()).isEqualTo(new OEmbedOptions());
    assertThat(c.embed()).isEqualTo(new EmbedOptions());
    assertThat(c.partners()).isEqualTo(new PartnersOptions());
    assertThat(c.rights()).isEqualTo(new RightsOptions());
    assertThat(c.metrics()).isEqualTo(new MetricsOptions());
    assertThat(c.management()).isEqualTo(new ManagementOptions());
    assertThat(c.artwork()).isEqualTo(new ArtworkOptions());
    assertThat(c.shutdown()).isEqualTo(new ShutdownOptions());
  }

  @Test
  void toJsonReadsBackToEqualOptions() throws Exception {
    GatewayConfig c = load("hub.mode", "remote", "hub.url", "https://hub.example/api/", "hub.apiKey", "hub-key",
        "hub.webhookSecret", "hook-secret", "cache.staleIfError", "90s", "limits.maxBodySize", "1000",
        "artwork.maxSourceSize", "2MiB", "artwork.workers", "3",
        "partners.signingSecret", "signing-secret-0123456789", "rights.countryHeader", "CF-IPCountry",
        "partners.list", "[{\"name\": \"acme\", \"keySha256\": \"" + "a".repeat(64) + "\","
            + " \"rateLimit\": {\"capacity\": 10, \"period\": \"1m\"}, \"frameAncestors\": [\"https://acme.example\"]}]");
    GatewayConfig again = GatewayConfig.fromJson(c.toJson());
    assertThat(again.toJson()).isEqualTo(c.toJson());
    assertThat(again.hub().client().baseUrl().get()).isEqualTo("https://hub.example/api");
    assertThat(again.server()).isEqualTo(c.server());
    assertThat(again.limits()).isEqualTo(c.limits());
    assertThat(again.webhook()).isEqualTo(c.webhook());
    assertThat(again.cache()).isEqualTo(c.cache());
    assertThat(again.partners()).isEqualTo(c.partners());
    assertThat(again.rights()).isEqualTo(c.rights());
    assertThat(again.artwork()).isEqualTo(c.artwork());
    assertThat(again.artwork().maxSourceBytes()).isEqualTo(2L * 1024 * 1024);
  }
}
