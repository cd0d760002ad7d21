package io.playgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.http.ShutdownOptions;
import io.playgate.gateway.hub.HubOptions;
import io.playgate.gateway.management.ManagementOptions;
import io.playgate.gateway.options.ConfigException;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static Vertx vertx;

  @TempDir
  Path tmp;

  @BeforeAll
  static void up() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void down() {
    vertx.close();
  }

  private static Path defaults() {
    return io.playgate.gateway.testing.TestGateway.root().resolve("conf/gateway.yaml");
  }

  private GatewayConfig load(Path overlay, Map<String, String> env, Properties props) throws Exception {
    return ConfigLoader.load(vertx, defaults(), overlay, env, props).await(10, TimeUnit.SECONDS);
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void envNamesFollowTheDesign() {
    assertThat(ConfigLoader.envName("server.publicBaseUrl")).isEqualTo("PLAYGATE_SERVER_PUBLIC_BASE_URL");
    assertThat(ConfigLoader.envName("hub.webhookSecret")).isEqualTo("PLAYGATE_HUB_WEBHOOK_SECRET");
    assertThat(ConfigLoader.envName("server.port")).isEqualTo("PLAYGATE_SERVER_PORT");
  }

  @Test
  void defaultsFile() throws Exception {
    GatewayConfig c = load(null, Map.of(), new Properties());
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.server().publicBaseUrl(8080)).isEqualTo("http://localhost:8080");
    assertThat(c.hub().mode()).isEqualTo(HubOptions.Mode.EMBEDDED);
    assertThat(c.hub().catalog()).isEqualTo(Path.of("conf/catalog"));
    assertThat(c.webhook().secret()).isNull();
    assertThat(c.hub().client().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.cache().maxBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(c.oembed().schemes()).containsExactly("{publicBaseUrl}/media/{id}");
    assertThat(c.hub().client().maxWaitQueueSize()).isEqualTo(1024);
    assertThat(c.hub().client().connectRetryDelay()).isEqualTo(Duration.ofMillis(50));
    assertThat(c.hub().breaker().maxFailures()).isEqualTo(5);
    assertThat(c.hub().breaker().failureWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.hub().breaker().resetTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.webhook().maxBodyBytes()).isEqualTo(64L * 1024);
    assertThat(c.cache().staleWhileRevalidate()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.cache().staleIfError()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.cache().negativeTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.cache().failureTtl()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void resilienceKeysAreValidated() {
    assertThatThrownBy(() -> load(null, Map.of("PLAYGATE_CACHE_STALE_IF_ERROR", "forever"), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cache.staleIfError");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.cache.failureTtl", "1m")))
        .hasMessageContaining("cache.failureTtl");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.cache.negativeTtl", "-1s")))
        .hasMessageContaining("cache.negativeTtl");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.breakerMaxFailures", "0")))
        .hasMessageContaining("hub.breakerMaxFailures");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.breakerResetTimeout", "0ms")))
        .hasMessageContaining("hub.breakerResetTimeout");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.maxWaitQueueSize", "-1")))
        .hasMessageContaining("hub.maxWaitQueueSize");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.webhookMaxBodySize", "100")))
        .hasMessageContaining("hub.webhookMaxBodySize");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.cache.staleWhileRevalidat", "1s")))
        .hasMessageContaining("cache.staleWhileRevalidat");
  }

  @Test
  void overlayThenEnvThenSystemProperties() throws Exception {
    Path overlay = tmp.resolve("over.yaml");
    Files.writeString(overlay, "server:\n  port: 9000\n  publicBaseUrl: https://play.example/\nhub:\n  timeout: 250ms\n");
    GatewayConfig c = load(overlay, Map.of("PLAYGATE_SERVER_PORT", "9100", "PLAYGATE_CACHE_MAX_SIZE", "64MiB"),
        props("playgate.server.port", "9200"));
    assertThat(c.server().port()).isEqualTo(9200);
    assertThat(c.server().publicBaseUrl()).isEqualTo("https://play.example");
    assertThat(c.hub().client().timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(c.cache().maxBytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void listsFromTheEnvironment() throws Exception {
    GatewayConfig c = load(null, Map.of("PLAYGATE_OEMBED_SCHEMES", "https://hub.example/track/{id}, https://hub.example/video/{id}"), new Properties());
    assertThat(c.oembed().schemes()).containsExactly("https://hub.example/track/{id}", "https://hub.example/video/{id}");
  }

  @Test
  void theShutdownGraceAndDeadlineAreReadAndTheDeadlineNeverPrecedesTheGrace() throws Exception {
    GatewayConfig c = load(null, Map.of("PLAYGATE_SHUTDOWN_GRACE", "0s"), props("playgate.shutdown.deadline", "1m"));
    assertThat(c.shutdown()).isEqualTo(new ShutdownOptions(Duration.ZERO, Duration.ofMinutes(1)));
    assertThat(load(null, Map.of(), new Properties()).shutdown()).isEqualTo(new ShutdownOptions());
    for (String[] bad : new String[][] {{"playgate.shutdown.grace", "2m"}, {"playgate.shutdown.grace", "soon"},
        {"playgate.shutdown.deadline", "1s"}, {"playgate.shutdown.deadline", "11m"}}) {
      assertThatThrownBy(() -> load(null, Map.of(), props(bad[0], bad[1]))).as(bad[0] + "=" + bad[1])
          .isInstanceOf(ConfigException.class).hasMessageContaining(bad[0].substring("playgate.".length()));
    }
  }

  @Test
  void theManagementListenerIsLoopbackByDefaultAndValidated() throws Exception {
    GatewayConfig c = load(null, Map.of(), new Properties());
    assertThat(c.management().host()).isEqualTo("127.0.0.1");
    assertThat(c.management().port()).isEqualTo(9464);
    GatewayConfig custom = load(null, Map.of("PLAYGATE_MANAGEMENT_HOST", "::1"), props("playgate.management.port", "0"));
    assertThat(custom.management()).isEqualTo(new ManagementOptions("::1", 0));
    for (String[] bad : new String[][] {{"playgate.management.port", "65536"}, {"playgate.management.port", "metrics"},
        {"playgate.management.port", "8080"}, {"playgate.management.host", "127.0.0.1:9464"},
        {"playgate.management.host", "local host"}, {"playgate.management.host", ""}}) {
      assertThatThrownBy(() -> load(null, Map.of(), props(bad[0], bad[1]))).as(bad[0] + "=" + bad[1])
          .isInstanceOf(ConfigException.class).hasMessageContaining(bad[0].substring("playgate.".length()));
    }
    // the same port as the public server is refused, whichever of the two moves
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.server.port", "9464")))
        .hasMessageContaining("management.port").hasMessageContaining("server.port");
  }

  @Test
  void badValuesStopTheBootNamingTheKey() {
    assertThatThrownBy(() -> load(null, Map.of("PLAYGATE_SERVER_PORT", "eighty"), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.port");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.server.port", "70000")))
        .hasMessageContaining("server.port");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.timeout", "soon")))
        .hasMessageContaining("hub.timeout");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.cache.maxSize", "lots")))
        .hasMessageContaining("cache.maxSize");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.hub.mode", "remote")))
        .hasMessageContaining("hub.url");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.server.publicBaseUrl", "ftp://x")))
        .hasMessageContaining("server.publicBaseUrl");
  }

  @Test
  void securityAndLimitKeys() throws Exception {
    GatewayConfig c = load(null, Map.of(), new Properties());
    assertThat(c.oembed().hostAliases()).containsExactly("www.", "m.");
    assertThat(c.embed().frameAncestors()).containsExactly("*");
    assertThat(c.limits().maxRequestLineBytes()).isEqualTo(8 * 1024);
    assertThat(c.limits().maxHeaderBytes()).isEqualTo(16 * 1024);
    assertThat(c.limits().maxBodyBytes()).isEqualTo(64 * 1024);
    assertThat(c.limits().requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.limits().requestBodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(load(null, Map.of("PLAYGATE_LIMITS_REQUEST_BODY_TIMEOUT", "1500ms"), new Properties()).limits()
        .requestBodyTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    GatewayConfig narrowed = load(null, Map.of("PLAYGATE_EMBED_FRAME_ANCESTORS", "https://news.example, 'self'",
        "PLAYGATE_OEMBED_HOST_ALIASES", "WWW.,amp."), new Properties());
    assertThat(narrowed.embed().frameAncestors()).containsExactly("https://news.example", "'self'");
    assertThat(narrowed.oembed().hostAliases()).containsExactly("www.", "amp.");
    for (String[] bad : new String[][] {
        {"playgate.embed.frameAncestors", "[\"https://a.example; script-src *\"]", "embed.frameAncestors"},
        {"playgate.embed.frameAncestors", "[]", "embed.frameAncestors"},
        {"playgate.embed.frameAncestors", "'none',https://a.example", "embed.frameAncestors"},
        {"playgate.oembed.hostAliases", "www", "oembed.hostAliases"},
        {"playgate.oembed.hostAliases", "*.", "oembed.hostAliases"},
        {"playgate.limits.maxRequestLine", "1MiB", "limits.maxRequestLine"},
        {"playgate.limits.maxHeaderSize", "12", "limits.maxHeaderSize"},
        {"playgate.limits.maxBodySize", "1GiB", "limits.maxBodySize"},
        {"playgate.limits.requestHeaderTimeout", "0s", "limits.requestHeaderTimeout"},
        {"playgate.limits.requestBodyTimeout", "0s", "limits.requestBodyTimeout"},
        {"playgate.limits.requestBodyTimeout", "1h", "limits.requestBodyTimeout"},
        {"playgate.limits.requestBodyTimeout", "slow", "limits.requestBodyTimeout"},
        {"playgate.limits.idleTimeout", "soon", "limits.idleTimeout"}}) {
      assertThatThrownBy(() -> load(null, Map.of(), props(bad[0], bad[1]))).as(bad[0] + "=" + bad[1])
          .isInstanceOf(ConfigException.class).hasMessageContaining(bad[2]);
    }
  }

  @Test
  void unknownEnvironmentAndSystemPropertyKeysAreTypos() {
    assertThatThrownBy(() -> load(null, Map.of("PLAYGATE_SERVER_PROT", "1"), new Properties()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("PLAYGATE_SERVER_PROT");
    assertThatThrownBy(() -> load(null, Map.of(), props("playgate.server.prot", "1")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("server.prot");
  }

  @Test
  void theFileVariablesAreNotKeys() throws Exception {
    assertThat(load(null, Map.of("PLAYGATE_CONFIG", "x", "PLAYGATE_CONFIG_OVERLAY", "y", "PATH", "/bin"), new Properties())
        .server().port()).isEqualTo(8080);
  }

  @Test
  void unknownOverlayKeysAreTypos() throws Exception {
    Path overlay = tmp.resolve("typo.yaml");
    Files.writeString(overlay, "server:\n  prot: 9000\n");
    assertThatThrownBy(() -> load(overlay, Map.of(), new Properties())).hasMessageContaining("server.prot");
  }

  @Test
  void missingOverlayFile() {
    assertThatThrownBy(() -> load(tmp.resolve("nope.yaml"), Map.of(), new Properties())).hasMessageContaining("overlay file not found");
  }
}
