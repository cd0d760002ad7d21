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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's commands {@code partner-key} and {@code sign}. */
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
}
