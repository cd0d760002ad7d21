package io.playgate.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.config.ConfigLoader;
import io.playgate.gateway.config.GatewayConfig;
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

/** The partners, rights and hub credential keys: defaults, the partners file, and what stops the boot. */
class PartnerConfigTest {

  private static final String HASH = "8d1fde3e812f6f2e7da16e8dbbe290a806f4608424c237f78886b81304c4c234";
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

  private static GatewayConfig load(Path overlay, String... kv) throws Exception {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty("playgate." + kv[i], kv[i + 1]);
    }
    return ConfigLoader.load(vertx, io.playgate.gateway.testing.TestGateway.root().resolve("conf/gateway.yaml"), overlay,
        Map.of(), p).await(10, TimeUnit.SECONDS);
  }

  private static String partner(String name, String hash) {
    return "{\"name\": \"" + name + "\", \"keySha256\": \"" + hash + "\", \"rateLimit\": {\"capacity\": 10, \"period\": \"1m\"}}";
  }

  @Test
  void defaults() throws Exception {
    GatewayConfig c = load(null);
    assertThat(c.partners().list()).isEmpty();
    assertThat(c.partners().anonymous()).isEqualTo(new RateLimit(300, Duration.ofMinutes(1)));
    assertThat(c.partners().clientIpHeader()).isNull();
    assertThat(c.partners().signingSecret()).isNull();
    assertThat(c.rights()).isEqualTo(new RightsOptions(null, RightsOptions.UnknownCountry.DENY));
    assertThat(c.hub().client().apiKey()).isNull();
  }

  @Test
  void partnersFromTheListAndTheFile() throws Exception {
    Path file = tmp.resolve("partners.yaml");
    Files.writeString(file, "partners:\n  - name: filed\n    keySha256: " + HASH.toUpperCase() + "\n"
        + "    rateLimit: {capacity: 5, period: 1h}\n    frameAncestors: [https://filed.example, https://*.filed.example]\n");
    GatewayConfig c = load(null, "partners.list", "[" + partner("inline", "0".repeat(64)) + "]",
        "partners.file", file.toString());
    assertThat(c.partners().list()).extracting(Partner::name).containsExactly("inline", "filed");
    Partner filed = c.partners().list().get(1);
    assertThat(filed.keySha256()).isEqualTo(HASH);
    assertThat(filed.rateLimit()).isEqualTo(new RateLimit(5, Duration.ofHours(1)));
    assertThat(filed.frameAncestors()).containsExactly("https://filed.example", "https://*.filed.example");
  }

  @Test
  void secretsStayOutOfToString() throws Exception {
    GatewayConfig c = load(null, "partners.signingSecret", "very-secret-signing-key", "hub.apiKey", "very-secret-hub-key",
        "hub.webhookSecret", "very-secret-webhook");
    assertThat(c.toString()).doesNotContain("very-secret");
  }

  @Test
  void badValuesNameTheirKey() {
    assertBoot("partners.list[0].keySha256", "partners.list", "[" + partner("acme", "the-key-itself") + "]");
    assertBoot("partners.list[0].name", "partners.list", "[" + partner("Acme Inc", HASH) + "]");
    assertBoot("partners.list", "partners.list", "[" + partner("acme", HASH) + "," + partner("acme", "0".repeat(64)) + "]");
    assertBoot("partners.list", "partners.list", "[" + partner("a", HASH) + "," + partner("b", HASH) + "]");
    assertBoot("partners.list[0].rateLimit.capacity", "partners.list",
        "[{\"name\": \"a\", \"keySha256\": \"" + HASH + "\", \"rateLimit\": {\"capacity\": 0, \"period\": \"1m\"}}]");
    assertBoot("partners.list[0].key", "partners.list",
        "[{\"name\": \"a\", \"key\": \"plain\", \"keySha256\": \"" + HASH + "\", \"rateLimit\": {\"capacity\": 1, \"period\": \"1m\"}}]");
    assertBoot("partners.list[0].frameAncestors[0]", "partners.list",
        "[{\"name\": \"a\", \"keySha256\": \"" + HASH + "\", \"rateLimit\": {\"capacity\": 1, \"period\": \"1m\"},"
            + " \"frameAncestors\": [\"javascript:alert(1)\"]}]");
    assertBoot("partners.signingSecret", "partners.signingSecret", "short");
    assertBoot("partners.clientIpHeader", "partners.clientIpHeader", "X Forwarded");
    assertBoot("partners.clientIdle", "partners.clientIdle", "10s");
    assertBoot("partners.file", "partners.file", tmp.resolve("missing.yaml").toString());
    assertBoot("rights.unknownCountry", "rights.unknownCountry", "maybe");
  }

  private void assertBoot(String key, String... kv) {
    assertThatThrownBy(() -> load(null, kv)).isInstanceOf(ConfigException.class).hasMessageStartingWith(key + ":");
  }
}
