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
}
