package io.playgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Response headers and absolute {@code src} URLs, the oEmbed parameter policy, and CORS and JSONP, against a real
 * gateway whose public base URL is {@code https://play.example} (so the scheme of emitted URLs is visible) and whose
 * player pages may be framed only by two configured origins. Requests go to the loopback port directly.
 */
class OEmbedPolicyIT {

  private static final String PUBLIC = "https://play.example";
  /** The test catalogue plus one item whose title holds U+2028/U+2029 (for JSONP); built before the gateway starts. */
  @TempDir
  static Path catalog;

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .with("server.publicBaseUrl", PUBLIC)
      .with("hub.catalog", () -> catalog.toString())
      .with("embed.frameAncestors", "https://news.example,https://*.blog.example");

  @BeforeAll
  static void catalogWithLineSeparators() throws Exception {
    Path source = TestGateway.testCatalog();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path target = catalog.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    JsonObject cat = new JsonObject(Files.readString(catalog.resolve("catalog.json")));
    JsonArray media = cat.getJsonArray("media");
    JsonObject sep = media.getJsonObject(0).copy().put("id", "sep").put("title", "line\u2028para\u2029end </script>");
    media.add(sep);
    Files.writeString(catalog.resolve("catalog.json"), cat.encodePrettily());
  }

  private static String url(String id) {
    return URLEncoder.encode(PUBLIC + "/media/" + id, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(String pathAndQuery, String... headers) {
    return Http.get(gateway.loopbackBase() + pathAndQuery, headers);
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getInteger("status")).isEqualTo(status);
    assertThat(Http.json(r).getString("detail")).isNotBlank();
  }

  // item 2: headers of the player page, absolute src with the public scheme

  @Test
  void playerPagesSendAStrictCsp() {
    HttpResponse<String> r = get("/embed/t1");
    assertThat(r.statusCode()).isEqualTo(200);
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'", "object-src 'none'", "base-uri 'none'",
        "frame-ancestors https://news.example https://*.blog.example").doesNotContain("unsafe-inline")
        .doesNotContain("unsafe-eval").doesNotContain("frame-ancestors *");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    assertThat(r.headers().firstValue("X-Frame-Options")).isEmpty();
    // every script is external, from the gateway: nothing inline that the CSP would have to allow
    for (Element script : Jsoup.parse(r.body()).select("script")) {
      String src = script.attr("src");
      assertThat(src.startsWith(PUBLIC + "/") || (src.startsWith("/") && !src.startsWith("//"))).as(src).isTrue();
      assertThat(script.data()).isBlank();
    }
    assertThat(Jsoup.parse(r.body()).select("[onclick], [onload], [onerror], [style]")).isEmpty();
    // the not-embeddable page carries the same policy
    HttpResponse<String> unavailable = get("/embed/noembed");
    assertThat(unavailable.headers().firstValue("Content-Security-Policy")).hasValue(csp);
  }

  @Test
  void sharePagesAreFramedOnlyByTheGateway() {
    HttpResponse<String> r = get("/media/t1");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'self'", "object-src 'none'", "base-uri 'none'").doesNotContain("unsafe-inline");
    assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
  }

  @Test
  void oembedHtmlHasAnAbsoluteSrcWithThePublicScheme() throws Exception {
    JsonObject o = Http.json(get("/oembed?url=" + url("t1")));
    Element iframe = Jsoup.parseBodyFragment(o.getString("html")).selectFirst("iframe");
    assertThat(iframe.attr("src")).startsWith("https://play.example/embed/t1").doesNotStartWith("//");
    HttpResponse<String> xml = get("/oembed?url=" + url("t1") + "&format=xml");
    var f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    String html = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)))
        .getElementsByTagName("html").item(0).getTextContent();
    assertThat(Jsoup.parseBodyFragment(html).selectFirst("iframe").attr("src")).startsWith("https://play.example/embed/");
  }

  // item 3: parameter policy

  @ParameterizedTest
  @ValueSource(strings = {"json", "JSON", "Json", "xml", "XML", "xMl"})
  void formatIsCaseInsensitive(String format) {
    HttpResponse<String> r = get("/oembed?url=" + url("t1") + "&format=" + format);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow())
        .startsWith(format.equalsIgnoreCase("xml") ? "text/xml" : "application/json");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // format is checked before the url: an unsupported format wins over a missing, bad or unknown url
      "/oembed?format=rss | 501",
      "/oembed?format=jsonp&url=nonsense | 501",
      "/oembed?format=&url=%s | 501",
      "/oembed?format=json%00&url=%s | 501",
      "/oembed?format=html&url=%s&maxwidth=-1 | 501",
      // malformed, zero or negative sizes
      "/oembed?url=%s&maxwidth=0 | 400",
      "/oembed?url=%s&maxwidth=000 | 400",
      "/oembed?url=%s&maxwidth=-1 | 400",
      "/oembed?url=%s&maxheight=-0 | 400",
      "/oembed?url=%s&maxheight=1e3 | 400",
      "/oembed?url=%s&maxheight=0x10 | 400",
      "/oembed?url=%s&maxwidth=+5 | 400",
      "/oembed?url=%s&maxwidth=%20 | 400",
      "/oembed?url=%s&maxwidth= | 400",
      "/oembed?url=%s&maxwidth=%EF%BC%91%EF%BC%92 | 400",
      // repeated parameters, also repeated unknown ones and empty repeats
      "/oembed?url=%s&maxwidth=10&maxwidth=10 | 400",
      "/oembed?url=%s&url=%s | 400",
      "/oembed?url=%s&format=json&format=json | 400",
      "/oembed?url=%s&callback=a&callback=b | 400",
      "/oembed?url=%s&autoplay=1&autoplay=1 | 400",
  })
  void badParameters(String template, int status) {
    assertProblem(get(template.replace("%s", url("t1"))), status);
  }

  @ParameterizedTest
  @CsvSource({
      "v1, 99999999999999999999999999",
      "v1, 2147483648",
      "v1, 2147483647",
      "t1, 99999999999999999999999999",
      "a1, 18446744073709551617",
      "p1, 99999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
  })
  void hugeSizesClampToTheNativeSize(String id, String size) {
    // the largest size the player takes (a track may pick its large layout when the height allows it)
    JsonObject nativeSize = Http.json(get("/oembed?url=" + url(id) + "&maxwidth=2147483647&maxheight=2147483647"));
    HttpResponse<String> r = get("/oembed?url=" + url(id) + "&maxwidth=" + size + "&maxheight=" + size);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject o = Http.json(r);
    assertThat(o.getInteger("width")).isEqualTo(nativeSize.getInteger("width")).isPositive();
    assertThat(o.getInteger("height")).isEqualTo(nativeSize.getInteger("height")).isPositive();
    if (id.equals("v1")) {
      assertThat(o.getInteger("width")).isEqualTo(1280);
      assertThat(o.getInteger("height")).isEqualTo(720);
    }
  }

  @Test
  void leadingZerosAreTheSameNumber() {
    JsonObject o = Http.json(get("/oembed?url=" + url("v1") + "&maxwidth=00400"));
    assertThat(o.getInteger("width")).isEqualTo(400);
    assertThat(o.getInteger("height")).isEqualTo(225);
  }

  @Test
  void unknownParametersAreIgnored() {
    JsonObject plain = Http.json(get("/oembed?url=" + url("v1")));
    JsonObject extra = Http.json(get("/oembed?url=" + url("v1") + "&utm_source=x&URL=y&Format=rss&lang=de&x=1&x=2"));
    plain.remove("cache_age");
    extra.remove("cache_age");
    assertThat(extra).isEqualTo(plain);
  }

  // item 4: CORS

  @Test
  void corsAllowsAnyOriginWithoutCredentials() {
    for (String q : new String[] {"?url=" + url("t1"), "?url=" + url("t1") + "&format=xml", "?url=nope",
        "?format=rss"}) {
      HttpResponse<String> r = get("/oembed" + q, "Origin", "https://somewhere.example");
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as(q).hasValue("*");
      assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).as(q).isEmpty();
    }
  }

  @Test
  void preflightIs204WithMethodsAndHeaders() {
    HttpResponse<String> r = Http.send("OPTIONS", gateway.loopbackBase() + "/oembed",
        "Origin", "https://somewhere.example", "Access-Control-Request-Method", "GET",
        "Access-Control-Request-Headers", "authorization");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("GET", "HEAD");
    assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().toLowerCase())
        .contains("authorization");
    assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(r.headers().firstValue("Access-Control-Max-Age")).isPresent();
  }

  // item 4: JSONP

  @ParameterizedTest
  @ValueSource(strings = {"cb", "$", "_", "jQuery123_456", "a.b.c", "window.$x_1", "A" + "bcdefghij"})
  void jsonpWithAGoodCallback(String callback) {
    HttpResponse<String> r = get("/oembed?url=" + url("t1") + "&callback=" + callback);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/javascript");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.body()).startsWith("/**/" + callback + "(").endsWith(");");
    JsonObject inner = new JsonObject(r.body().substring(("/**/" + callback + "(").length(), r.body().length() - 2));
    JsonObject plain = Http.json(get("/oembed?url=" + url("t1")));
    inner.remove("cache_age");
    plain.remove("cache_age");
    assertThat(inner).isEqualTo(plain);
  }

  @Test
  void jsonpEscapesLineAndParagraphSeparators() {
    HttpResponse<String> r = get("/oembed?url=" + url("sep") + "&callback=cb");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\u2028").doesNotContain("\u2029").contains("\\u2028").contains("\\u2029");
    JsonObject inner = new JsonObject(r.body().substring("/**/cb(".length(), r.body().length() - 2));
    assertThat(inner.getString("title")).isEqualTo("line\u2028para\u2029end </script>");
    // plain JSON keeps them raw (valid JSON), the title intact
    assertThat(Http.json(get("/oembed?url=" + url("sep"))).getString("title")).isEqualTo("line\u2028para\u2029end </script>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1cb", "a-b", "a(b)", "alert(1)//", "a;b", "a%20b", "a%0Ab", "<script>", "a[0]",
      "a\\u0062", "é", "a/b", "a,b", "a'b"})
  void jsonpWithABadCallbackIs400(String callback) {
    String encoded = callback.contains("%") ? callback : URLEncoder.encode(callback, StandardCharsets.UTF_8);
    assertProblem(get("/oembed?url=" + url("t1") + "&callback=" + encoded), 400);
  }

  @Test
  void jsonpCallbackLengthLimit() {
    assertThat(get("/oembed?url=" + url("t1") + "&callback=a" + "b".repeat(63)).statusCode()).isEqualTo(200);
    assertProblem(get("/oembed?url=" + url("t1") + "&callback=a" + "b".repeat(64)), 400);
  }

  @Test
  void xmlIgnoresTheCallback() {
    for (String cb : new String[] {"cb", "alert(1)//", ""}) {
      HttpResponse<String> r = get("/oembed?url=" + url("t1") + "&format=xml&callback="
          + URLEncoder.encode(cb, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(cb).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
      assertThat(r.body()).startsWith("<?xml").doesNotContain("/**/");
    }
  }
}
