package io.playgate.gateway.hub.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playgate.gateway.options.ConfigException;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.TestGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The embedded hub at /hub/: hub API v1 and media files with HTTP Range, over real HTTP. */
class LocalHubIT {

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded();
  private static String hub;
  private static byte[] blob;

  @BeforeAll
  static void hubAndBlob() throws Exception {
    hub = gateway.base() + "/hub";
    blob = Files.readAllBytes(TestGateway.testCatalog().resolve("media/blob.opus"));
  }

  @Test
  void mediaItemWithEtagAndMaxAge() {
    HttpResponse<String> r = Http.get(hub + "/v1/media/t1", "Accept", "application/json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    String etag = r.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    JsonObject item = Http.json(r);
    assertThat(item.getString("id")).isEqualTo("t1");
    assertThat(item.getString("pageUrl")).isEqualTo(gateway.base() + "/media/t1");
    assertThat(item.getJsonArray("streams").getJsonObject(0).getString("url")).isEqualTo(hub + "/files/media/blob.opus");
    assertThat(item.containsKey("private")).isFalse();

    HttpResponse<String> notModified = Http.get(hub + "/v1/media/t1", "If-None-Match", etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
    assertThat(Http.get(hub + "/v1/media/t1", "If-None-Match", "\"other\", W/" + etag).statusCode()).isEqualTo(304);
    assertThat(Http.get(hub + "/v1/media/t1", "If-None-Match", "*").statusCode()).isEqualTo(304);
    assertThat(Http.get(hub + "/v1/media/t1", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
  }

  @Test
  void collectionsAreExpanded() {
    JsonObject album = Http.json(Http.get(hub + "/v1/media/a1"));
    assertThat(album.getJsonArray("items")).hasSize(2);
    assertThat(album.getJsonArray("items").getJsonObject(1).getString("title")).isEqualTo("Second Track");
  }

  @ParameterizedTest
  @CsvSource({"nope, 404", "private1, 403", "gone1, 410", "bad.id, 404"})
  void hubErrors(String id, int status) {
    HttpResponse<String> r = Http.get(hub + "/v1/media/" + id);
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void malformedRequestsAreJsonProblems() {
    for (String target : new String[] {"/hub/v1/media/x?%ZZ", "/hub/v1/media/%ZZ", "/hub/files/%ZZ"}) {
      Http.Raw raw = io.playgate.gateway.testing.Http.raw(gateway.base(), target);
      assertThat(raw.status()).as(target).isEqualTo(400);
      assertThat(raw.headers().get("content-type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void wholeFile() {
    HttpResponse<byte[]> r = Http.getBytes(hub + "/files/media/blob.opus");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/ogg");
    assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(r.body()).isEqualTo(blob);
    assertThat(Http.getBytes(hub + "/files/media/poster.jpg").headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(Http.getBytes(hub + "/files/media/blob.webm").headers().firstValue("Content-Type")).hasValue("video/webm");
  }

  @ParameterizedTest
  @CsvSource({
      "bytes=0-1, 0, 1",
      "bytes=0-, 0, 1999",
      "bytes=-500, 1500, 1999",
      "bytes=900-99999999, 900, 1999",
  })
  void ranges(String range, int first, int last) {
    HttpResponse<byte[]> r = Http.getBytes(hub + "/files/media/blob.opus", "Range", range);
    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes " + first + "-" + last + "/2000");
    assertThat(r.headers().firstValue("Content-Length")).hasValue(String.valueOf(last - first + 1));
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(blob, first, last + 1));
  }

  @Test
  void conditionalFileRequests() {
    String etag = Http.getBytes(hub + "/files/media/blob.opus").headers().firstValue("ETag").orElseThrow();
    assertThat(Http.getBytes(hub + "/files/media/blob.opus", "If-None-Match", etag).statusCode()).isEqualTo(304);
    HttpResponse<byte[]> sameTag = Http.getBytes(hub + "/files/media/blob.opus", "Range", "bytes=0-1", "If-Range", etag);
    assertThat(sameTag.statusCode()).isEqualTo(206);
    HttpResponse<byte[]> otherTag = Http.getBytes(hub + "/files/media/blob.opus", "Range", "bytes=0-1", "If-Range", "\"other\"");
    assertThat(otherTag.statusCode()).isEqualTo(200);
    assertThat(otherTag.body()).isEqualTo(blob);
  }

  @Test
  void otherMethodsAre405() {
    for (String path : new String[] {"/v1/media/t1", "/files/media/blob.opus"}) {
      HttpResponse<String> r = Http.send("POST", hub + path);
      assertThat(r.statusCode()).as(path).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
  }

  @Test
  void headOnMediaItems() {
    HttpResponse<String> r = Http.send("HEAD", hub + "/v1/media/t1");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("ETag")).isPresent();
    assertThat(r.body()).isEmpty();
  }

  @Test
  void unsatisfiableRange() {
    HttpResponse<byte[]> r = Http.getBytes(hub + "/files/media/blob.opus", "Range", "bytes=99999999-");
    assertThat(r.statusCode()).isEqualTo(416);
    assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */2000");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void head() {
    HttpResponse<String> r = Http.send("HEAD", hub + "/files/media/blob.opus");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Length")).hasValue("2000");
    assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(r.body()).isEmpty();
    HttpResponse<String> ranged = Http.send("HEAD", hub + "/files/media/blob.opus", "Range", "bytes=-500");
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(ranged.headers().firstValue("Content-Length")).hasValue("500");
  }

  @Test
  void standaloneHubAnswersJsonEverywhere() throws Exception {
    var server = gateway.vertx().createHttpServer()
        .requestHandler(gateway.localHub().standaloneRouter(gateway.vertx()))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try {
      String standalone = "http://127.0.0.1:" + server.actualPort();
      assertThat(Http.get(standalone + "/hub/v1/media/t1").statusCode()).isEqualTo(200);
      for (String[] c : new String[][] {{"GET", "/elsewhere", "404"}, {"GET", "/hub/v1/media/nope", "404"},
          {"DELETE", "/hub/v1/media/t1", "405"}}) {
        HttpResponse<String> r = Http.send(c[0], standalone + c[1]);
        assertThat(r.statusCode()).as(c[1]).isEqualTo(Integer.parseInt(c[2]));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      }
    } finally {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theEmbeddedHubHasNoFaultAdmin() {
    for (String path : new String[] {"/admin/faults", "/hub/admin/faults", "/hub/v1/admin/faults"}) {
      assertThat(Http.get(gateway.base() + path).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void onlyCatalogueFilesAreServed() {
    assertThat(Http.get(hub + "/files/catalog.json").statusCode()).isEqualTo(404);
    assertThat(Http.get(hub + "/files/media/../catalog.json").statusCode()).isEqualTo(404);
    assertThat(Http.get(hub + "/files/media/%2e%2e/catalog.json").statusCode()).isEqualTo(404);
    assertThat(Http.get(hub + "/files/..%2f..%2fconf%2fgateway.yaml").statusCode()).isEqualTo(404);
    assertThat(Http.get(hub + "/files/media/nope.opus").statusCode()).isEqualTo(404);
  }

  @Test
  void aCatalogueEntryTheHubClientWouldRefuseStopsTheBoot(@TempDir Path dir) throws Exception {
    JsonObject catalog = new JsonObject(Files.readString(TestGateway.testCatalog().resolve("catalog.json")));
    catalog.getJsonArray("media").getJsonObject(0).remove("title");
    Files.writeString(dir.resolve("catalog.json"), catalog.encode());
    assertThatThrownBy(() -> TestGateway.start(gateway.vertx(), Map.of("hub.catalog", dir.toString())))
        .rootCause().isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("hub.catalog: catalog.json entry 't1': ").hasMessageContaining("title");
  }
}
