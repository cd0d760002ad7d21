package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The player pages' markup contract, options, layouts and caching, on a real gateway (test catalogue). */
class PlayerPagesIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded();

  private static JsonObject oembed(String id, String extra) {
    String base = gateway.base();
    HttpResponse<String> r = Http.get(base + "/oembed?url="
        + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8) + extra);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Http.json(r);
  }

  /** Nothing the strict CSP would block: no inline script, handler, style element or style attribute. */
  private static void assertCspClean(Document d) {
    for (Element s : d.select("script")) {
      assertThat(s.hasAttr("src") || "application/json".equals(s.attr("type"))).as("inline script %s", s).isTrue();
    }
    assertThat(d.select("style")).isEmpty();
    assertThat(d.select("[style]")).isEmpty();
    for (Element e : d.getAllElements()) {
      e.attributes().forEach(a -> assertThat(a.getKey()).as("handler on %s", e.tagName()).doesNotStartWith("on"));
    }
    for (Element t : d.select("template")) {
      assertCspClean(Jsoup.parse(t.html()));
    }
  }

  @Test
  void trackPlayerHasLabelledControlsAndNoInlineCode() {
    HttpResponse<String> r = Http.get(gateway.base() + "/embed/t1?color=ff5500&dnt=1");
    assertThat(r.statusCode()).isEqualTo(200);
    long maxAge = Long.parseLong(r.headers().firstValue("Cache-Control").orElseThrow().replaceAll(".*max-age=(\\d+).*", "$1"));
    assertThat(maxAge).isBetween(0L, 300L);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
        .contains("style-src 'self'");
    Document d = Jsoup.parse(r.body());
    assertCspClean(d);
    Element player = d.selectFirst(".pg-player");
    assertThat(player.classNames()).contains("pg-layout-compact", "pg-kind-track");
    assertThat(player.attr("data-accent")).isEqualTo("ff5500");
    assertThat(player.attr("data-dnt")).isEqualTo("1");
    for (String control : new String[] {".pg-play", ".pg-seek-input", ".pg-mute", ".pg-volume"}) {
      assertThat(d.selectFirst(control).attr("aria-label")).as(control).isNotBlank();
    }
    assertThat(d.selectFirst(".pg-live").attr("aria-live")).isEqualTo("polite");
    assertThat(d.select("main")).hasSize(1);
  }

  @Test
  void layoutOptionAndItsValidation() {
    String base = gateway.base();
    assertThat(Jsoup.parse(Http.get(base + "/embed/t1?layout=large").body()).selectFirst(".pg-player").classNames())
        .contains("pg-layout-large");
    assertThat(Jsoup.parse(Http.get(base + "/embed/a1").body()).selectFirst(".pg-player").classNames())
        .contains("pg-layout-large");
    HttpResponse<String> bad = Http.get(base + "/embed/t1?layout=tall");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Http.json(bad).getString("detail")).startsWith("layout:");
    assertThat(Http.get(base + "/embed/t1?color=red").statusCode()).isEqualTo(400);
  }

  @Test
  void oembedPicksTheLayoutFromMaxheightAndCarriesIt() {
    JsonObject compact = oembed("t1", "");
    assertThat(compact.getInteger("height")).isEqualTo(152);
    JsonObject large = oembed("t1", "&maxheight=400");
    assertThat(large.getInteger("height")).isEqualTo(352);
    assertThat(large.getString("html")).contains("layout=large").contains("title=\"");
    JsonObject squeezed = oembed("a1", "&maxheight=200");
    assertThat(squeezed.getInteger("height")).isEqualTo(152);
    assertThat(squeezed.getString("html")).contains("layout=compact");
    JsonObject asked = oembed("t1", "&layout=large");
    assertThat(asked.getInteger("height")).isEqualTo(352);
    JsonObject withOptions = oembed("t1", "&autoplay=1&theme=dark&color=00ff00&dnt=1");
    assertThat(withOptions.getString("html")).contains("autoplay=1&amp;theme=dark&amp;color=00ff00&amp;dnt=1");
  }

  @Test
  void facadePageLoadsNoMediaAndOnlyTheTinyScript() {
    String base = gateway.base();
    Document d = Jsoup.parse(Http.get(base + "/embed/t1?facade=1").body());
    assertCspClean(d);
    assertThat(d.select("audio, video").stream()
        .filter(m -> m.parents().stream().noneMatch(p -> p.tagName().equals("template"))))
        .as("media outside the inert template").isEmpty();
    assertThat(d.select("script[src]")).hasSize(1);
    String facadeJs = d.selectFirst("script[src]").attr("src");
    assertThat(facadeJs).matches("/widgets/facade\\.[0-9a-f]{10}\\.js");
    HttpResponse<String> js = Http.get(base + facadeJs);
    assertThat(js.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    assertThat(js.body().length()).isLessThan(1024);
    assertThat(d.selectFirst("template.pg-facade-player").html()).contains("<audio");
    for (Element img : d.select("img")) {
      assertThat(img.attr("src")).doesNotContain("blob.jpg");
    }
  }

  @Test
  void hostSdkIsShortCachedAndCorsReadable() {
    String base = gateway.base();
    HttpResponse<String> r = Http.get(base + "/embed.js");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.body()).contains("Playgate").contains("player.js");
    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).as("strong content-hash tag").matches("\"[0-9a-f]{32}\"");
    assertThat(Http.get(base + "/embed.js").headers().firstValue("ETag")).hasValue(etag);
    for (String inm : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
      HttpResponse<String> revalidated = Http.get(base + "/embed.js", "If-None-Match", inm);
      assertThat(revalidated.statusCode()).as(inm).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
      assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
      assertThat(revalidated.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    }
    assertThat(Http.get(base + "/embed.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    Document d = Jsoup.parse(Http.get(base + "/embed/t1").body());
    for (Element e : d.select("script[src], link[rel=stylesheet]")) {
      String url = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      assertThat(Http.get(base + url).headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
    }
  }
}
