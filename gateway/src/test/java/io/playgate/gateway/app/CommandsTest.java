package io.playgate.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.config.GatewayConfig;
import io.playgate.gateway.partner.EmbedSigner;
import io.playgate.gateway.partner.Partners;
import io.playgate.gateway.testing.TestGateway;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands {@code partner-key} and {@code sign}, and the command line that reaches them. */
class CommandsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private String out() {
    return out.toString(StandardCharsets.UTF_8).trim();
  }

  @Test
  void partnerKeyPrintsTheSha256() {
    // printf %s acme-key-0123456789abcdef | sha256sum
    String expected = "8d1fde3e812f6f2e7da16e8dbbe290a806f4608424c237f78886b81304c4c234";
    assertThat(Commands.partnerKey(List.of("acme-key-0123456789abcdef"), System.in, new PrintStream(out), new PrintStream(err)))
        .isZero();
    assertThat(out()).isEqualTo(expected);
    out.reset();
    assertThat(Commands.partnerKey(List.of("-"), new ByteArrayInputStream("acme-key-0123456789abcdef\n".getBytes()),
        new PrintStream(out), new PrintStream(err))).isZero();
    assertThat(out()).isEqualTo(expected);
    assertThat(Commands.partnerKey(List.of(), System.in, new PrintStream(out), new PrintStream(err))).isEqualTo(2);
  }

  @Test
  void signPrintsAUrlTheGatewayAccepts() {
    GatewayConfig config = TestGateway.config(Map.of("partners.signingSecret", "cli-signing-secret-0123456789",
        "server.publicBaseUrl", "https://play.example", "partners.list",
        "[{\"name\": \"acme\", \"keySha256\": \"" + "a".repeat(64) + "\", \"rateLimit\": {\"capacity\": 1, \"period\": \"1m\"}}]"));
    assertThat(Commands.sign(config, "private1", "acme", "2h", new PrintStream(out), new PrintStream(err))).isZero();
    URI url = URI.create(out());
    assertThat(url.toString()).startsWith("https://play.example/embed/private1?exp=");
    String[] q = url.getRawQuery().split("&");
    EmbedSigner signer = EmbedSigner.create("cli-signing-secret-0123456789", Partners.of(config.partners().list()),
        Clock.systemUTC());
    assertThat(signer.verify("private1", q[0].substring(4), q[1].substring(8), q[2].substring(4)))
        .isEqualTo(EmbedSigner.Verdict.VALID);
    assertThat(Commands.sign(config, "private1", "nobody", "2h", new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    assertThat(Commands.sign(config, "private1", null, "30d", new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    assertThat(Commands.sign(config, "bad id", null, "1h", new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    GatewayConfig noSecret = TestGateway.config(Map.of());
    assertThat(Commands.sign(noSecret, "private1", null, "1h", new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("partners.signingSecret");
  }

  private static final String SECRET = "cli-signing-secret-0123456789";

  /** The environment of a shell that exported the signing secret, with the repository's defaults file. */
  private static Map<String, String> env(String... more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("PLAYGATE_CONFIG",
        TestGateway.root().resolve("conf/gateway.yaml").toString(), "PLAYGATE_PARTNERS_SIGNING_SECRET", SECRET));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private int sign(Map<String, String> env, Properties props, String... args) {
    out.reset();
    err.reset();
    return Commands.sign(CommandLine.parse(List.of(args), env), env, props, new PrintStream(out), new PrintStream(err));
  }

  @Test
  void signReadsTheConfigurationTheGatewayReads(@TempDir Path dir) throws Exception {
    assertThat(sign(env(), new Properties(), "sign", "private1")).isZero();
    assertThat(out()).startsWith("http://localhost:8080/embed/private1?exp=");
    Path overlay = Files.writeString(dir.resolve("overlay.yaml"), "server:\n  port: 9000\n");
    // --config before or after the id (before, the old parser took the file for the id)
    assertThat(sign(env(), new Properties(), "sign", "--config", overlay.toString(), "private1")).isZero();
    assertThat(out()).startsWith("http://localhost:9000/embed/private1?exp=");
    assertThat(sign(env(), new Properties(), "sign", "private1", "--config=" + overlay)).isZero();
    assertThat(out()).startsWith("http://localhost:9000/embed/private1?exp=");
    assertThat(sign(env("PLAYGATE_CONFIG_OVERLAY", overlay.toString()), new Properties(), "sign", "private1")).isZero();
    assertThat(out()).startsWith("http://localhost:9000/embed/private1?exp=");
    // environment over the overlay, -Dplaygate.* over the environment, as for the gateway
    assertThat(sign(env("PLAYGATE_SERVER_PORT", "9100"), new Properties(), "sign", "private1", "--config", overlay.toString()))
        .isZero();
    assertThat(out()).startsWith("http://localhost:9100/embed/private1?exp=");
    Properties props = new Properties();
    props.setProperty("playgate.server.port", "9200");
    assertThat(sign(env("PLAYGATE_SERVER_PORT", "9100"), props, "sign", "private1")).isZero();
    assertThat(out()).startsWith("http://localhost:9200/embed/private1?exp=");
    assertThat(sign(env("PLAYGATE_SERVER_PUBLIC_BASE_URL", "https://play.example"), props, "sign", "private1")).isZero();
    assertThat(out()).startsWith("https://play.example/embed/private1?exp=");
  }

  @Test
  void signStopsOnABadConfigurationOrCommandLine(@TempDir Path dir) throws Exception {
    assertThat(sign(env("PLAYGATE_SERVER_PORT", "eighty"), new Properties(), "sign", "private1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("server.port");
    assertThat(sign(env(), new Properties(), "sign", "private1", "--config", dir.resolve("nope.yaml").toString()))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("overlay file not found");
    assertThat(sign(env(), new Properties(), "sign")).isEqualTo(2);
    assertThat(sign(env(), new Properties(), "sign", "a", "b")).isEqualTo(2);
  }

  @Test
  void signPrintsItsLimitAsPeopleWriteDurations() {
    assertThat(sign(env(), new Properties(), "sign", "private1", "--ttl", "30d")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).trim())
        .isEqualTo("playgate: sign: --ttl must be from 1s to partners.maxSignedTtl (7d), was 30d");
    assertThat(sign(env("PLAYGATE_PARTNERS_MAX_SIGNED_TTL", "90m"), new Properties(), "sign", "private1", "--ttl", "2h"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("partners.maxSignedTtl (1h30m)").doesNotContain("PT");
    // and what it prints can be typed back
    assertThat(sign(env("PLAYGATE_PARTNERS_MAX_SIGNED_TTL", "90m"), new Properties(), "sign", "private1", "--ttl",
        "1h30m")).isZero();
  }

  @Test
  void theCommandLineNamesWhatItDoesNotKnow() {
    assertThat(CommandLine.parse(List.of(), Map.of()).command()).isEqualTo(CommandLine.Command.RUN);
    assertThat(CommandLine.parse(List.of("--config", "x.yaml"), Map.of()).overlay()).isEqualTo(Path.of("x.yaml"));
    assertThat(CommandLine.parse(List.of("partner-key", "-"), Map.of()).operands()).containsExactly("-");
    assertThat(CommandLine.parse(List.of("sign", "--help"), Map.of()).command()).isEqualTo(CommandLine.Command.HELP);
    for (List<String> bad : List.of(List.of("hub"), List.of("serve"), List.of("--port", "1"), List.of("--config"),
        List.of("partner-key", "--ttl", "1h"), List.of("sign", "x", "--partnr", "acme"))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLine.parse(bad, Map.of())).as(bad.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandLine.parse(List.of("hub"), Map.of()))
        .hasMessageContaining("playgate-hub-simulator.jar");
  }
}
