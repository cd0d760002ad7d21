package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void preparedPagesCarryTheHeadersOfEveryHtmlPage() {
    CharSequence[] headers = SecurityHeaders.htmlPageHeaders(SecurityHeaders.SHARE_CSP);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      lines.add(headers[i] + ": " + headers[i + 1]);
    }
    assertThat(lines).containsExactly("Content-Type: text/html; charset=utf-8",
        "Content-Security-Policy: " + SecurityHeaders.SHARE_CSP, "X-Content-Type-Options: nosniff",
        "Referrer-Policy: strict-origin-when-cross-origin");
    // a new array each time: a caller cannot change another's
    assertThat(SecurityHeaders.htmlPageHeaders(SecurityHeaders.SHARE_CSP)).isNotSameAs(headers);
  }

  @Test
  void playerCspsNameTheirFrameAncestors() {
    assertThat(SecurityHeaders.playerCsp(List.of("*"))).isEqualTo(SecurityHeaders.PLAYER_CSP);
    assertThat(SecurityHeaders.playerCsp(List.of())).isEqualTo(SecurityHeaders.PLAYER_CSP);
    assertThat(SecurityHeaders.playerCsp(List.of("https://a.example", "'self'")))
        .endsWith("; frame-ancestors https://a.example 'self'").startsWith("default-src 'none'");
  }
}
