package io.playgate.gateway.oembed;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The heads of hot {@code /oembed} answers, which are built once per variant and second and then sent as they are:
 * exactly the headers each variant needs, a {@code max-age} that equals the body's {@code cache_age} on both sides of
 * a second boundary, and a request id only where it is asked for or an error needs one.
 */
class OEmbedHeadsIT {

  private static final String DIRECTIVES = ", stale-while-revalidate=30, stale-if-error=600";

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().fakeClock().with("hub.maxAge", "300s");

  private String oembed(String id, String extra) {
    String base = gateway.base();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8) + extra;
  }

  private static Set<String> names(HttpResponse<?> r) {
    return r.headers().map().keySet().stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Test
  void eachVariantCarriesExactlyItsHeaders() {
    Set<String> expected = Set.of("content-type", "x-content-type-options", "access-control-allow-origin", "etag",
        "cache-control", "content-length", "vary");
    HttpResponse<String> json = Http.get(oembed("t1", ""));
    HttpResponse<String> xml = Http.get(oembed("t1", "&format=xml"));
    HttpResponse<String> again = Http.get(oembed("t1", ""));
    for (HttpResponse<String> r : java.util.List.of(json, xml, again)) {
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(names(r)).as(r.uri().toString()).isEqualTo(expected);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(r.headers().firstValue("Vary")).hasValue("Authorization");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300" + DIRECTIVES);
      assertThat(r.headers().firstValue("Content-Length"))
          .hasValue(Integer.toString(r.body().getBytes(StandardCharsets.UTF_8).length));
    }
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(xml.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
    assertThat(again.body()).isEqualTo(json.body());
    assertThat(again.headers().firstValue("ETag")).isEqualTo(json.headers().firstValue("ETag"));
    assertThat(xml.headers().firstValue("ETag")).isNotEqualTo(json.headers().firstValue("ETag"));
  }

  @Test
  void maxAgeAndCacheAgeAgreeOnBothSidesOfASecondBoundary() {
    gateway.ticker().advance(Duration.ofMillis(100));
    long before = Long.MAX_VALUE;
    for (int step = 0; step < 6; step++) {
      HttpResponse<String> r = Http.get(oembed("t1", "&maxwidth=500"));
      long cacheAge = Http.json(r).getLong("cache_age");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=" + cacheAge + DIRECTIVES);
      assertThat(cacheAge).isLessThanOrEqualTo(before);
      before = cacheAge;
      // 400 ms steps: some stay within one second, some cross into the next
      gateway.ticker().advance(Duration.ofMillis(400));
    }
    assertThat(before).isEqualTo(298);
  }

  @Test
  void aNotModifiedAnswerKeepsTheValidatorsButNoBodyHeaders() {
    HttpResponse<String> first = Http.get(oembed("t1", ""));
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> r = Http.get(oembed("t1", ""), "If-None-Match", etag);
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.headers().firstValue("ETag")).hasValue(etag);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300" + DIRECTIVES);
    assertThat(r.headers().firstValue("Content-Type")).isEmpty();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void aRequestIdIsEchoedWhenSentAndMadeUpOnlyForAnError() {
    HttpResponse<String> plain = Http.get(oembed("t1", ""));
    assertThat(plain.headers().firstValue("X-Request-Id")).isEmpty();
    HttpResponse<String> asked = Http.get(oembed("t1", ""), "X-Request-Id", "lb-1234.abc");
    assertThat(asked.headers().firstValue("X-Request-Id")).hasValue("lb-1234.abc");
    assertThat(asked.body()).isEqualTo(plain.body());
    HttpResponse<String> error = Http.get(oembed("no-such-id", ""));
    assertThat(error.statusCode()).isEqualTo(404);
    String id = error.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{16}");
    assertThat(new JsonObject(error.body()).getString("requestId")).isEqualTo(id);
    HttpResponse<String> tagged = Http.get(gateway.base() + "/oembed", "X-Request-Id", "mine");
    assertThat(tagged.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(tagged.body()).getString("requestId")).isEqualTo("mine");
  }
}
