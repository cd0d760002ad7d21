package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlSchemesTest {

  private final UrlSchemes schemes = UrlSchemes.compile(List.of(
      "https://hub.example/track/{id}",
      "https://*.hub.example/video/{id}/*",
      "http://localhost:8080/media/{id}"));

  @ParameterizedTest
  @ValueSource(strings = {
      "https://hub.example/track/abc",
      "http://hub.example/track/abc",
      "https://hub.example/track/abc/",
      "https://hub.example/track/abc?utm=x&_=123",
      "https://hub.example/track/abc#t=30",
      "https://HUB.Example/track/abc",
      "https://hub.example:443/track/abc",
      "http://hub.example:80/track/abc",
      "https://hub.example/track/%61bc",
      "https://www.hub.example/video/abc/",
      "https://m.hub.example/video/abc/some-slug",
      "https://a.b.hub.example/video/abc",
      "http://localhost:8080/media/abc",
      "https://localhost:8080/media/abc",
  })
  void accepts(String url) {
    assertThat(schemes.match(url)).contains("abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://hub.example/Track/abc",
      "https://hub.example.evil.test/track/abc",
      "https://evilhub.example/track/abc",
      "https://evilhub.example/video/abc/x",
      "https://hub.example@evil.test/track/abc",
      "https://user:pw@hub.example/track/abc",
      "https://hub.example/video/abc/x",
      "https://hub.example/track/abc/extra",
      "https://hub.example/track/",
      "https://hub.example/track",
      "https://hub.example:8443/track/abc",
      "http://localhost/media/abc",
      "http://localhost:9090/media/abc",
      "ftp://hub.example/track/abc",
      "javascript:alert(1)//hub.example/track/abc",
      "file:///hub.example/track/abc",
      "//hub.example/track/abc",
      "hub.example/track/abc",
      "https://hub.example/track/a%2Fb",
      "https://hub.example/track/%zz",
      "https://hub.example/track/a b",
      "https://hub.example/track/" + "x" + "%252e",
      "https://hub.example./track/abc",
      "",
  })
  void rejects(String url) {
    assertThat(schemes.match(url)).isEmpty();
  }

  @Test
  void idMustMatchTheIdGrammar() {
    assertThat(schemes.match("https://hub.example/track/" + "a".repeat(64))).isPresent();
    assertThat(schemes.match("https://hub.example/track/" + "a".repeat(65))).isEmpty();
    assertThat(schemes.match("https://hub.example/track/caf%C3%A9")).isEmpty();
  }

  @Test
  void caseOfThePathMatters() {
    assertThat(schemes.match("https://hub.example/track/AbC")).contains("AbC");
  }

  @Test
  void badPatternsAreRejectedAtBoot() {
    assertThatThrownBy(() -> UrlSchemes.compile(List.of("https://hub.example/track/x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{id}");
    assertThatThrownBy(() -> UrlSchemes.compile(List.of("ftp://hub.example/{id}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Every IP-literal spelling of a host (decimal, octal, hex, IPv6, IPv4-mapped…), also with a pattern whose host is a
   * DNS name: never a match.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "http://2130706433/media/abc",
      "http://0177.0.0.1/media/abc",
      "http://0x7f000001/media/abc",
      "http://0x7F000001/media/abc",
      "http://0.0.0.0/media/abc",
      "http://1/media/abc",
      "http://127.1/media/abc",
      "http://127.0.0.1/media/abc",
      "http://127.0.0.1:8080/media/abc",
      "http://[::1]/media/abc",
      "http://[::1]:8080/media/abc",
      "http://[::ffff:7f00:1]/media/abc",
      "http://[::ffff:127.0.0.1]:8080/media/abc",
      "http://[0:0:0:0:0:0:0:1]:8080/media/abc",
      "http://%31%32%37.0.0.1:8080/media/abc",
      "http://localhost.0x7f/media/abc",
      "http://a@localhost:8080/media/abc",
      "http://localhost:8080@evil.test/media/abc",
      "localhost:8080/media/abc",
      "//localhost:8080/media/abc",
      "file:///etc/passwd",
      "gopher://localhost:8080/_GET%20/media/abc",
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://localhost:8080\\@evil.test/media/abc",
      "http:/localhost:8080/media/abc",
      "http:localhost:8080/media/abc",
      " http://localhost:8080/media/abc",
      "http://localhost:8080/media/%2561bc",
  })
  void rejectsIpLiteralsAndEverySpellingOfItem1(String url) {
    UrlSchemes withAliases = UrlSchemes.compile(List.of("http://localhost:8080/media/{id}"), List.of("www.", "m."));
    assertThat(withAliases.match(url)).isEmpty();
  }

  @Test
  void ipLiteralPatternsStopTheBoot() {
    for (String p : List.of("http://127.0.0.1:8080/media/{id}", "http://[::1]/media/{id}", "http://2130706433/{id}")) {
      assertThatThrownBy(() -> UrlSchemes.compile(List.of(p))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a DNS name");
    }
  }

  @Test
  void hostAliasesMatchInFrontOfAPatternHost() {
    UrlSchemes s = UrlSchemes.compile(List.of("https://hub.example/track/{id}"), List.of("www.", "m."));
    assertThat(s.match("https://www.hub.example/track/abc")).contains("abc");
    assertThat(s.match("https://M.hub.example/track/abc")).contains("abc");
    assertThat(s.match("https://hub.example/track/abc")).contains("abc");
    assertThat(s.match("https://www.m.hub.example/track/abc")).isEmpty();
    assertThat(s.match("https://api.hub.example/track/abc")).isEmpty();
    assertThat(s.match("https://wwwhub.example/track/abc")).isEmpty();
    assertThat(s.match("https://www.hub.example.evil.test/track/abc")).isEmpty();
    assertThat(UrlSchemes.compile(List.of("https://hub.example/track/{id}")).match("https://www.hub.example/track/abc"))
        .isEmpty();
  }

  @Test
  void percentDecodingHappensExactlyOnce() {
    assertThat(schemes.match("https://hub.example/track/%61bc")).contains("abc");
    // %25 decodes to '%', and the result is not decoded again: "%61bc" is no valid id
    assertThat(schemes.match("https://hub.example/track/%2561bc")).isEmpty();
    assertThat(schemes.match("https://hub.example/track/%252561bc")).isEmpty();
  }
}
