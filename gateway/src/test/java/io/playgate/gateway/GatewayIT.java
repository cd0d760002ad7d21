package io.playgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every public route of a real gateway on its embedded local hub (the test catalogue). */
class GatewayIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded();

  private static String oembed(String id, String extra) {
    String base = gateway.base();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8) + extra;
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject p = Http.json(r);
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("type")).isNotBlank();
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("requestId")).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void oembedJsonForATrack() {
    HttpResponse<String> r = Http.get(oembed("t1", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonObject o = Http.json(r);
    assertThat(o.getString("type")).isEqualTo("rich");
    assertThat(o.getValue("version")).isEqualTo("1.0");
    assertThat(o.getString("title")).isEqualTo("First Track");
    assertThat(o.getString("author_name")).isEqualTo("Test Artist");
    assertThat(o.getString("author_url")).isEqualTo("https://artist.example/test");
    assertThat(o.getString("provider_name")).isEqualTo("Playgate");
    assertThat(o.getString("provider_url")).isEqualTo(gateway.base() + "/");
    assertThat(o.getValue("width")).isInstanceOf(Integer.class);
    assertThat(o.getInteger("width")).isPositive();
    assertThat(o.getInteger("height")).isPositive();
    assertThat(o.getString("thumbnail_url")).isEqualTo(gateway.base() + "/artwork/t1/600.jpg");
    assertThat(o.getInteger("thumbnail_width")).isPositive();
    assertThat(o.getInteger("thumbnail_height")).isPositive();
    String maxAge = r.headers().firstValue("Cache-Control").orElseThrow();
    assertThat(maxAge).isEqualTo("public, max-age=" + o.getLong("cache_age")
        + ", stale-while-revalidate=30, stale-if-error=600");
    assertThat(o.getLong("cache_age")).isBetween(1L, 300L);

    Document d = Jsoup.parseBodyFragment(o.getString("html"));
    assertThat(d.body().children()).hasSize(1);
    Element iframe = d.body().child(0);
    assertThat(iframe.tagName()).isEqualTo("iframe");
    assertThat(iframe.attr("src")).isEqualTo(gateway.base() + "/embed/t1");
    assertThat(iframe.attr("width")).isEqualTo(o.getInteger("width").toString());
    assertThat(iframe.attr("height")).isEqualTo(o.getInteger("height").toString());
    assertThat(iframe.attr("title")).isNotBlank();
    assertThat(iframe.attr("loading")).isEqualTo("lazy");
    assertThat(iframe.attr("allow")).isEqualTo("autoplay; encrypted-media; fullscreen; picture-in-picture");
    assertThat(iframe.hasAttr("allowfullscreen")).isTrue();
    assertThat(iframe.attr("referrerpolicy")).isEqualTo("strict-origin-when-cross-origin");
  }

  @Test
  void oembedXml() throws Exception {
    HttpResponse<String> r = Http.get(oembed("v1", "&format=XML"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
    assertThat(r.body()).doesNotContain("CDATA");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("oembed");
    assertThat(doc.getElementsByTagName("type").item(0).getTextContent()).isEqualTo("video");
    assertThat(doc.getElementsByTagName("version").item(0).getTextContent()).isEqualTo("1.0");
    assertThat(doc.getElementsByTagName("width").item(0).getTextContent()).isEqualTo("1280");
    assertThat(Jsoup.parseBodyFragment(doc.getElementsByTagName("html").item(0).getTextContent()).select("iframe")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
      "v1, &maxwidth=400, 400, 225",
      "v1, &maxheight=120, 213, 120",
      "v1, &maxwidth=200, 200, 112",
      "v1, &maxheight=100, 177, 100",
      "v1, &maxwidth=150, 150, 84",
      "v1, &maxwidth=2000, 1280, 720",
      "v1, &maxwidth=99999999999999999999, 1280, 720",
      "v2, &maxwidth=400, 400, 400",
      "t1, &maxwidth=300, 300, 152",
      "t1, &maxheight=100, 560, 100",
      "t1, &maxwidth=200&maxheight=80, 200, 80",
      "a1, &maxheight=80, 560, 80",
  })
  void sizesAreClamped(String id, String query, int width, int height) {
    JsonObject o = Http.json(Http.get(oembed(id, query)));
    assertThat(o.getInteger("width")).isEqualTo(width);
    assertThat(o.getInteger("height")).isEqualTo(height);
    Element iframe = Jsoup.parseBodyFragment(o.getString("html")).selectFirst("iframe");
    assertThat(iframe.attr("width")).isEqualTo(String.valueOf(width));
    assertThat(iframe.attr("height")).isEqualTo(String.valueOf(height));
  }

  @ParameterizedTest
  @CsvSource({
      "t1, &maxheight=79, 200×80",
      "t1, &maxwidth=199, 200×80",
      "t1, &maxwidth=1&maxheight=1, 200×80",
      "a1, &maxheight=50, 200×80",
      "v1, &maxheight=67, 120×68",
      "v1, &maxwidth=100, 120×68",
  })
  void belowThePlayersMinimumSizeIsA404NotAClippedPlayer(String id, String query, String minimum) {
    HttpResponse<String> r = Http.get(oembed(id, query));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getString("detail")).contains("needs at least " + minimum);
  }

  @Test
  void thumbnailsRespectMaxwidthAndMaxheightOrAreLeftOut() {
    JsonObject big = Http.json(Http.get(oembed("t1", "&maxwidth=400")));
    assertThat(big.getInteger("thumbnail_width")).isEqualTo(300);
    assertThat(big.getString("thumbnail_url")).isEqualTo(gateway.base() + "/artwork/t1/300.jpg");
    JsonObject small = Http.json(Http.get(oembed("t1", "&maxwidth=300&maxheight=100")));
    assertThat(small.getInteger("thumbnail_width")).isEqualTo(64);
    assertThat(small.getInteger("thumbnail_height")).isEqualTo(64);
    // the video's only poster is 1280x720: scaled to the largest step within 400 px, aspect kept
    JsonObject video = Http.json(Http.get(oembed("v1", "&maxwidth=400")));
    assertThat(video.getInteger("thumbnail_width")).isEqualTo(300);
    assertThat(video.getInteger("thumbnail_height")).isEqualTo(169);
    assertThat(Http.json(Http.get(oembed("v1", ""))).getInteger("thumbnail_width")).isEqualTo(600);
    JsonObject none = Http.json(Http.get(oembed("v2", "")));
    assertThat(none.fieldNames()).doesNotContain("thumbnail_url", "thumbnail_width", "thumbnail_height");
  }

  @Test
  void tooManyParametersIsAnErrorNotASilentCut() {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      q.append("&a").append(i).append("=1");
    }
    assertProblem(Http.get(oembed("t1", q + "&maxwidth=abc")), 400);
    StringBuilder fewer = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      fewer.append("&a").append(i).append("=1");
    }
    assertThat(Http.json(Http.get(oembed("t1", fewer.toString()))).getString("title")).isEqualTo("First Track");
  }

  @Test
  void parameterNamesAreCaseSensitiveAndUnknownOnesIgnored() {
    JsonObject o = Http.json(Http.get(oembed("v1", "&MAXWIDTH=10&URL=nonsense&utm_source=x")));
    assertThat(o.getInteger("width")).isEqualTo(1280);
  }

  @Test
  void problemsAreReadableCrossOrigin() {
    HttpResponse<String> r = Http.get(oembed("nope", ""));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
  }

  @Test
  void requestsTheDecoderRejectsGetProblemBodiesToo() throws Exception {
    java.net.URI uri = java.net.URI.create(gateway.base());
    for (String[] c : new String[][] {
        {"GET /embed/t1 HTTP/1.1\r\nConnection: close\r\n\r\n", "400"},
        {"GET /oembed?url=" + "x".repeat(10_000) + " HTTP/1.1\r\nHost: a\r\n\r\n", "414"},
        {"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n", "431"},
        {"\u0001\u0002 garbage\r\n\r\n", "400"}}) {
      try (java.net.Socket s = new java.net.Socket(uri.getHost(), uri.getPort())) {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(c[0].getBytes(StandardCharsets.ISO_8859_1));
        String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).as(c[1]).matches("(?s)HTTP/1\\.[01] " + c[1] + " .*").contains("application/problem+json")
            .contains("\"status\":" + c[1]);
      }
    }
  }

  @Test
  void collectionsAreRichAndCarryOptionsIntoTheIframe() {
    JsonObject album = Http.json(Http.get(oembed("a1", "")));
    assertThat(album.getString("type")).isEqualTo("rich");
    JsonObject p = Http.json(Http.get(oembed("p1", "&autoplay=1&color=FF5500")));
    assertThat(p.getString("type")).isEqualTo("rich");
    assertThat(Jsoup.parseBodyFragment(p.getString("html")).selectFirst("iframe").attr("src"))
        .isEqualTo(gateway.base() + "/embed/p1?autoplay=1&color=ff5500");
    assertThat(p.containsKey("thumbnail_url")).isFalse();
    assertThat(p.containsKey("thumbnail_width")).isFalse();
    assertThat(p.containsKey("thumbnail_height")).isFalse();
  }

  @Test
  void urlVariantsMapToTheSameMedia() {
    String base = gateway.base();
    for (String u : new String[] {base + "/media/t1/", base + "/media/t1?_=123", base + "/media/t1#x",
        base.replace("http://", "https://") + "/media/t1", base.replace("localhost", "LOCALHOST") + "/media/t1"}) {
      HttpResponse<String> r = Http.get(base + "/oembed?url=" + URLEncoder.encode(u, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(u).isEqualTo(200);
      assertThat(Http.json(r).getString("title")).isEqualTo("First Track");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/oembed?url=%s&maxwidth=abc | 400",
      "/oembed?url=%s&maxwidth=0 | 400",
      "/oembed?url=%s&maxheight=-5 | 400",
      "/oembed?url=%s&maxwidth=1.5 | 400",
      "/oembed?url=%s&url=%s | 400",
      "/oembed?url=%s&color=red | 400",
      "/oembed?url=%s&format=rss | 501",
      "/oembed?url=%s&format=json&format=xml | 400",
      "/oembed | 400",
      "/oembed?url= | 400",
  })
  void badParameters(String pathTemplate, int status) {
    String u = URLEncoder.encode(gateway.base() + "/media/t1", StandardCharsets.UTF_8);
    assertProblem(Http.get(gateway.base() + pathTemplate.replace("%s", u)), status);
  }

  @ParameterizedTest
  @CsvSource({
      "http://localhost:1/media/t1, 404",
      "https://evil.example/media/t1, 404",
      "javascript:alert(1), 404",
      "not a url, 404",
  })
  void unmatchedUrlsAre404(String url, int status) {
    assertProblem(Http.get(gateway.base() + "/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8)), status);
  }

  @ParameterizedTest
  @CsvSource({"nope, 404", "gone1, 404", "private1, 401", "noembed, 401"})
  void hubAnswersMapToOEmbedStatuses(String id, int status) {
    assertProblem(Http.get(oembed(id, "")), status);
  }

  @Test
  void hostileMetadataStaysData() {
    HttpResponse<String> r = Http.get(oembed("hostile", ""));
    JsonObject o = Http.json(r);
    assertThat(o.getString("title")).startsWith("\"Quotes\" & <script>");
    assertThat(o.containsKey("author_url")).as("javascript: author url is dropped").isFalse();
    assertThat(o.containsKey("thumbnail_url")).as("data: artwork is dropped").isFalse();
    Document page = Jsoup.parse(Http.get(gateway.base() + "/embed/hostile").body());
    assertThat(page.select("script")).hasSize(1);
    assertThat(page.select("[href^=javascript], [src^=data], [src^=javascript]")).isEmpty();
    assertThat(page.selectFirst(".pg-title").wholeText()).isEqualTo(o.getString("title"));
  }

  @Test
  void playerPages() {
    HttpResponse<String> r = Http.get(gateway.base() + "/embed/t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors *");
    assertThat(r.headers().firstValue("X-Frame-Options")).isEmpty();
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    Document d = Jsoup.parse(r.body());
    assertThat(d.select("audio.pg-media source")).hasSize(1);
    assertThat(d.selectFirst("audio source").attr("src")).isEqualTo(gateway.base() + "/hub/files/media/blob.opus");
    assertThat(d.selectFirst(".pg-title").text()).isEqualTo("First Track");
    assertThat(d.selectFirst(".pg-artist").text()).isEqualTo("Test Artist");
    assertThat(d.select("img.pg-art")).hasSize(1);

    Document video = Jsoup.parse(Http.get(gateway.base() + "/embed/v1").body());
    assertThat(video.select("video.pg-media source")).hasSize(1);
    assertThat(video.selectFirst("video").attr("poster")).isEqualTo(gateway.base() + "/hub/files/media/poster.jpg");

    Document album = Jsoup.parse(Http.get(gateway.base() + "/embed/a1").body());
    assertThat(album.select(".pg-tracklist .pg-row")).hasSize(2);
    assertThat(album.select(".pg-row template source")).hasSize(2);

    Document playlist = Jsoup.parse(Http.get(gateway.base() + "/embed/p1?theme=dark").body());
    assertThat(playlist.select(".pg-row").eachAttr("data-kind")).containsExactly("track", "video", "track");
    assertThat(playlist.selectFirst("html").attr("data-theme")).isEqualTo("dark");
  }

  @Test
  void notEmbeddablePlaysNothing() {
    HttpResponse<String> r = Http.get(gateway.base() + "/embed/noembed");
    assertThat(r.statusCode()).isEqualTo(200);
    Document d = Jsoup.parse(r.body());
    assertThat(d.select("audio, video, source")).isEmpty();
    assertThat(d.text()).contains("Not available for embedding");
  }

  @Test
  void pageErrors() {
    assertProblem(Http.get(gateway.base() + "/embed/nope"), 404);
    // private media: a 403 page that plays nothing (only a signed embed URL plays it)
    HttpResponse<String> priv = Http.get(gateway.base() + "/embed/private1");
    assertThat(priv.statusCode()).isEqualTo(403);
    assertThat(Jsoup.parse(priv.body()).select("audio, video, source")).isEmpty();
    assertProblem(Http.get(gateway.base() + "/embed/t1?color=zzz"), 400);
    assertProblem(Http.get(gateway.base() + "/embed/t1?autoplay=1&autoplay=0"), 400);
    assertProblem(Http.get(gateway.base() + "/embed/" + "x".repeat(65)), 404);
    assertProblem(Http.get(gateway.base() + "/media/a.b"), 404);
    assertProblem(Http.get(gateway.base() + "/no/such/route"), 404);
    assertProblem(Http.send("POST", gateway.base() + "/oembed"), 405);
    for (String target : new String[] {"/oembed?url=%zz", "/oembed?url=%", "/embed/%zz", "/media/%C3%28",
        // the same 400 on routes that never read their query (platform check, QueryParams.validator)
        "/?%zz", "/embed.js?x=%zz", "/health/live?x=%", "/widgets/player.css?%zz", "/favicon.ico?%zz",
        "/hub/v1/media/t1?%zz"}) {
      Http.Raw raw = Http.raw(gateway.base(), target);
      assertThat(raw.status()).as(target).isEqualTo(target.startsWith("/media") ? 404 : 400);
      assertThat(raw.headers().get("content-type")).isEqualTo("application/problem+json");
      assertThat(new JsonObject(raw.body()).getInteger("status")).isEqualTo(raw.status());
    }
    String base = gateway.base();
    assertProblem(Http.get(base + "/oembed?url=" + URLEncoder.encode(base + "/media/t1\u0000", StandardCharsets.UTF_8)), 404);
    assertProblem(Http.get(base + "/oembed?url=" + URLEncoder.encode(" " + base + "/media/t1", StandardCharsets.UTF_8)), 404);
  }

  @Test
  void headIsAnsweredLikeGetWithoutABody() {
    HttpResponse<String> r = Http.send("HEAD", gateway.base() + "/embed/t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.body()).isEmpty();
    assertThat(Http.send("HEAD", oembed("t1", "")).statusCode()).isEqualTo(200);
  }

  @Test
  void sharePageDiscoveryAndCards() {
    HttpResponse<String> r = Http.get(gateway.base() + "/media/t1");
    assertThat(r.statusCode()).isEqualTo(200);
    String encoded = URLEncoder.encode(gateway.base() + "/media/t1", StandardCharsets.UTF_8);
    assertThat(r.body()).contains("href=\"" + gateway.base() + "/oembed?url=" + encoded + "&amp;format=json\"");
    assertThat(r.headers().allValues("Link")).containsExactlyInAnyOrder(
        "<" + gateway.base() + "/oembed?url=" + encoded + "&format=json>; rel=\"alternate\"; type=\"application/json+oembed\"",
        "<" + gateway.base() + "/oembed?url=" + encoded + "&format=xml>; rel=\"alternate\"; type=\"text/xml+oembed\"");
    Document d = Jsoup.parse(r.body());
    assertThat(d.select("link[rel=alternate][type=application/json+oembed]").attr("href")).endsWith("&format=json");
    assertThat(d.select("link[rel=alternate][type=text/xml+oembed]").attr("href")).endsWith("&format=xml");
    assertThat(d.select("meta[property=og:title]").attr("content")).isEqualTo("First Track");
    assertThat(d.select("meta[property=og:type]").attr("content")).isEqualTo("music.song");
    assertThat(d.select("meta[property=og:url]").attr("content")).isEqualTo(gateway.base() + "/media/t1");
    assertThat(d.select("meta[property=og:image]").attr("content")).isEqualTo(gateway.base() + "/artwork/t1/card.jpg");
    assertThat(d.select("meta[property=og:audio]").attr("content")).endsWith(".opus");
    assertThat(d.select("meta[name=twitter:card]").attr("content")).isEqualTo("player");
    assertThat(d.select("meta[name=twitter:player]").attr("content")).isEqualTo(gateway.base() + "/embed/t1");
    assertThat(d.select("audio.pg-media source")).hasSize(1);

    // the discovered oEmbed URL works
    String discovered = d.select("link[type=application/json+oembed]").attr("href");
    assertThat(Http.json(Http.get(discovered)).getString("title")).isEqualTo("First Track");
    Document video = Jsoup.parse(Http.get(gateway.base() + "/media/v1").body());
    assertThat(video.select("meta[property=og:type]").attr("content")).isEqualTo("video.other");
    assertThat(video.select("meta[property=og:video]").attr("content")).endsWith(".webm");
  }

  @Test
  void widgetsAreContentHashedAndImmutable() {
    Document d = Jsoup.parse(Http.get(gateway.base() + "/embed/t1").body());
    for (String url : new String[] {d.selectFirst("link[rel=stylesheet]").attr("href"), d.selectFirst("script").attr("src")}) {
      assertThat(url).matches("/widgets/player\\.[0-9a-f]{10}\\.(css|js)");
      HttpResponse<String> r = Http.get(gateway.base() + url);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
    }
    assertProblem(Http.get(gateway.base() + "/widgets/player.0000000000.js"), 404);
  }

  @Test
  void startPageListsWhatAnyoneMaySee() {
    HttpResponse<String> r = Http.get(gateway.base() + "/");
    assertThat(r.statusCode()).isEqualTo(200);
    Document d = Jsoup.parse(r.body());
    assertThat(d.select(".pg-index-item .pg-title").eachAttr("href"))
        .contains(gateway.base() + "/media/t1", gateway.base() + "/media/p1")
        .doesNotContain(gateway.base() + "/media/private1", gateway.base() + "/media/gone1");
    assertThat(Http.get(gateway.base() + "/favicon.ico").statusCode()).isEqualTo(200);
  }

  @Test
  void health() {
    HttpResponse<String> live = Http.get(gateway.base() + "/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(Http.json(live).getString("status")).isEqualTo("UP");
    HttpResponse<String> ready = Http.get(gateway.base() + "/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(Http.json(ready).getString("status")).isEqualTo("UP");
  }
}
