package io.playgate.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP caching towards clients on a real gateway and its embedded hub, with the cache on a fake clock: ETag and
 * 304 on {@code /oembed}, {@code /embed/{id}}, {@code /media/{id}}; Cache-Control with the remaining freshness and
 * the RFC 5861 directives; oEmbed {@code cache_age} agreeing; errors {@code no-store}; cache keys (variants, parameter
 * order, cache-busting queries in the media URL) sharing one hub request.
 */
class HttpCachingIT {

  private static final String DIRECTIVES = ", stale-while-revalidate=30, stale-if-error=600";

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded().fakeClock().with("hub.maxAge", "300s");

  @BeforeEach
  void resetCounts() {
    gateway.localHub().resetCounts();
  }

  private String oembed(String id, String extra) {
    String base = gateway.base();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8) + extra;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/oembed?url={base}/media/t1", "/oembed?url={base}/media/v1&format=xml", "/embed/t1",
      "/embed/a1?theme=dark", "/media/t1", "/media/p1"})
  void etagAnd304OnEveryCacheableRoute(String target) {
    String base = gateway.base();
    String url = base + target.replace("{base}", URLEncoder.encode(base, StandardCharsets.UTF_8));
    HttpResponse<String> first = Http.get(url);
    assertThat(first.statusCode()).isEqualTo(200);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("W/\"[A-Za-z0-9_-]+\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=300" + DIRECTIVES);

    gateway.ticker().advance(Duration.ofSeconds(100));
    HttpResponse<String> revalidated = Http.get(url, "If-None-Match", etag);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(revalidated.body()).isEmpty();
    assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
    assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("public, max-age=200" + DIRECTIVES);
    // a list, and the strong form of a weak tag, match too (weak comparison, RFC 9110 §13.1.2)
    assertThat(Http.get(url, "If-None-Match", "\"other\", " + etag.substring(2)).statusCode()).isEqualTo(304);
    HttpResponse<String> other = Http.get(url, "If-None-Match", "\"other\"");
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.body()).isNotEmpty();
    // one hub call per item: a track's share page also reads its album (its "On this album" list) through the cache
    assertThat(gateway.localHub().totalRequests()).isEqualTo(target.equals("/media/t1") ? 2 : 1);
  }

  @Test
  void cacheAgeAgreesWithMaxAgeAndTellsTheRemainingFreshness() {
    HttpResponse<String> r = Http.get(oembed("t1", ""));
    assertThat(Http.json(r).getLong("cache_age")).isEqualTo(300);
    gateway.ticker().advance(Duration.ofSeconds(120));
    r = Http.get(oembed("t1", ""));
    assertThat(Http.json(r).getLong("cache_age")).isEqualTo(180);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=180" + DIRECTIVES);
    // the ETag does not change with cache_age: the representations are equivalent
    String etag = r.headers().firstValue("ETag").orElseThrow();
    gateway.ticker().advance(Duration.ofSeconds(30));
    assertThat(Http.get(oembed("t1", "")).headers().firstValue("ETag")).hasValue(etag);
  }

  @Test
  void aStaleEntryIsServedWithMaxAgeZero() {
    Http.get(oembed("t1", ""));
    gateway.ticker().advance(Duration.ofSeconds(305));
    HttpResponse<String> stale = Http.get(oembed("t1", ""));
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(Http.json(stale).getLong("cache_age")).isZero();
    assertThat(stale.headers().firstValue("Cache-Control")).hasValue("public, max-age=0" + DIRECTIVES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/embed/gone1", "/media/private1", "/embed/nosuch", "/oembed?url=x"})
  void errorsAreNotStored(String target) {
    HttpResponse<String> r = Http.get(gateway.base() + target);
    assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.headers().firstValue("ETag")).isEmpty();
  }

  @Test
  void variantsAndParameterOrderShareOneHubRequest() {
    String base = gateway.base();
    HttpResponse<String> w400 = Http.get(oembed("v1", "&maxwidth=400"));
    HttpResponse<String> w800 = Http.get(oembed("v1", "&maxwidth=800"));
    HttpResponse<String> xml = Http.get(oembed("v1", "&format=xml"));
    HttpResponse<String> xml400 = Http.get(oembed("v1", "&format=xml&maxwidth=400"));
    HttpResponse<String> reordered = Http.get(base + "/oembed?maxwidth=400&format=xml&url="
        + URLEncoder.encode(base + "/media/v1", StandardCharsets.UTF_8));
    JsonObject a = Http.json(w400);
    JsonObject b = Http.json(w800);
    assertThat(a.getInteger("width")).isEqualTo(400);
    assertThat(a.getInteger("height")).isEqualTo(225);
    assertThat(b.getInteger("width")).isEqualTo(800);
    assertThat(b.getInteger("height")).isEqualTo(450);
    assertThat(xml.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
    assertThat(xml.body()).contains("<width>1280</width>");
    assertThat(xml400.body()).contains("<width>400</width>");
    assertThat(reordered.body()).isEqualTo(xml400.body());
    assertThat(reordered.headers().firstValue("ETag")).isEqualTo(xml400.headers().firstValue("ETag"));
    assertThat(List.of(w400, w800, xml, xml400).stream().map(r -> r.headers().firstValue("ETag").orElseThrow())
        .distinct()).hasSize(4);
    // a cache-busting query inside the media URL maps to the same entry
    HttpResponse<String> busted = Http.get(base + "/oembed?maxwidth=400&url="
        + URLEncoder.encode(base + "/media/v1?_=123", StandardCharsets.UTF_8));
    assertThat(busted.body()).isEqualTo(w400.body());
    assertThat(gateway.localHub().requestCount("v1")).isEqualTo(1);
    assertThat(gateway.localHub().totalRequests()).isEqualTo(1);
  }
}
