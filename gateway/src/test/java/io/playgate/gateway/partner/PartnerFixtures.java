package io.playgate.gateway.partner;

import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared partner test data: two partners whose keys hash (sha256sum) to the values in {@link #PARTNERS}. */
final class PartnerFixtures {

  static final String ACME_KEY = "acme-key-0123456789abcdef";
  static final String TINY_KEY = "tiny-key-0123456789abcdef";
  /** {@code echo -n KEY | sha256sum}, computed outside Playgate. */
  static final String ACME_SHA256 = "8d1fde3e812f6f2e7da16e8dbbe290a806f4608424c237f78886b81304c4c234";
  static final String TINY_SHA256 = "f0d2f07802409c4747c7bca8a8ff1308fa858e2360e54f04e3d19eae6d4617d2";
  static final String PARTNERS = "[{\"name\": \"acme\", \"keySha256\": \"" + ACME_SHA256 + "\","
      + " \"rateLimit\": {\"capacity\": 1000, \"period\": \"1m\"}, \"frameAncestors\": [\"https://acme.example\"]},"
      + " {\"name\": \"tiny\", \"keySha256\": \"" + TINY_SHA256 + "\","
      + " \"rateLimit\": {\"capacity\": 2, \"period\": \"1h\"}}]";
  static final String SECRET = "test-signing-secret-0123456789";

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private PartnerFixtures() {
  }

  static String oembed(String base, String id, String extra) {
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8) + extra;
  }

  static HttpResponse<String> post(String url, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject p = Http.json(r);
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("detail")).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    return p;
  }

  /** The response is a player page with media to play. */
  static void assertPlays(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(200);
    assertThat(Jsoup.parse(r.body()).select("source")).isNotEmpty();
  }

  /** The response is the 403 page of a refused signature: HTML, not stored, nothing to play. */
  static Document assertForbiddenPage(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    Document d = Jsoup.parse(r.body());
    assertThat(d.select("audio, video, source")).isEmpty();
    return d;
  }
}
