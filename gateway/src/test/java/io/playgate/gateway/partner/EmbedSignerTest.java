package io.playgate.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signing and verifying embed URLs against a fixed clock. */
class EmbedSignerTest {

  private static final Partners PARTNERS = Partners.of(List.of(new Partner("acme", "0".repeat(64),
      new RateLimit(1, Duration.ofMinutes(1)), List.of())));
  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

  private static EmbedSigner at(Instant now) {
    return EmbedSigner.create("0123456789abcdef-secret", PARTNERS, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> q = new HashMap<>();
    for (String kv : URI.create(url).getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      q.put(p[0], p[1]);
    }
    return q;
  }

  @Test
  void validUntilExpiry() {
    EmbedSigner.SignedUrl url = at(NOW).sign("https://play.example", "private1", "acme", Duration.ofHours(1));
    assertThat(url.expiresEpochSeconds()).isEqualTo(NOW.getEpochSecond() + 3600);
    Map<String, String> q = query(url.url());
    assertThat(url.url()).startsWith("https://play.example/embed/private1?exp=");
    assertThat(q.get("sig")).matches("[0-9a-f]{64}");
    assertThat(at(NOW).verify("private1", q.get("exp"), "acme", q.get("sig"))).isEqualTo(EmbedSigner.Verdict.VALID);
    assertThat(at(NOW.plusSeconds(3599)).verify("private1", q.get("exp"), "acme", q.get("sig")))
        .isEqualTo(EmbedSigner.Verdict.VALID);
    assertThat(at(NOW.plusSeconds(3600)).verify("private1", q.get("exp"), "acme", q.get("sig")))
        .isEqualTo(EmbedSigner.Verdict.EXPIRED);
  }

  @Test
  void anythingElseIsInvalid() {
    EmbedSigner signer = at(NOW);
    Map<String, String> q = query(signer.sign("https://p", "private1", "acme", Duration.ofMinutes(5)).url());
    String exp = q.get("exp");
    String sig = q.get("sig");
    assertThat(signer.verify("private1", null, null, null)).isEqualTo(EmbedSigner.Verdict.ABSENT);
    assertThat(signer.verify("private2", exp, "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", exp, null, sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", exp + "0", "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", "-1", "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", exp, "acme", null)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", null, "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThat(signer.verify("private1", exp, "acme", sig.substring(1) + "g")).isEqualTo(EmbedSigner.Verdict.INVALID);
    // another secret
    assertThat(EmbedSigner.create("another-secret-0123456789", PARTNERS, Clock.fixed(NOW, ZoneOffset.UTC))
        .verify("private1", exp, "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    // the partner was removed from the configuration
    assertThat(EmbedSigner.create("0123456789abcdef-secret", Partners.of(List.of()), Clock.fixed(NOW, ZoneOffset.UTC))
        .verify("private1", exp, "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    // signing disabled
    EmbedSigner off = EmbedSigner.create(null, PARTNERS, Clock.systemUTC());
    assertThat(off.enabled()).isFalse();
    assertThat(off.verify("private1", exp, "acme", sig)).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThatThrownBy(() -> off.sign("https://p", "private1", null, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withoutAPartner() {
    EmbedSigner.SignedUrl url = at(NOW).sign("https://p", "unlisted1", null, Duration.ofMinutes(1));
    assertThat(url.url()).doesNotContain("partner=");
    Map<String, String> q = query(url.url());
    assertThat(at(NOW).verify("unlisted1", q.get("exp"), null, q.get("sig"))).isEqualTo(EmbedSigner.Verdict.VALID);
    assertThat(at(NOW).verify("unlisted1", q.get("exp"), "acme", q.get("sig"))).isEqualTo(EmbedSigner.Verdict.INVALID);
    assertThatThrownBy(() -> at(NOW).sign("https://p", "../etc", null, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
