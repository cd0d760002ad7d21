package io.playgate.gateway.takedown;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /hooks/hub} on a real gateway with a webhook secret, and on one without. */
class HubWebhookIT {

  private static final String SECRET = "s3cret-for-tests";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @RegisterExtension
  final GatewayExtension gateway = GatewayExtension.embedded()
      .with("hub.webhookSecret", SECRET).with("hub.webhookMaxBodySize", "1KiB");

  private static HttpResponse<String> post(String url, byte[] body, String signature) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    if (signature != null) {
      b.header("X-Hub-Signature-256", signature);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> hook(String event, String... ids) throws Exception {
    byte[] body = new JsonObject().put("event", event).put("ids", new JsonArray(java.util.List.of((Object[]) ids)))
        .toBuffer().getBytes();
    return post(gateway.base() + "/hooks/hub", body, HubWebhookHandler.sign(SECRET, body));
  }

  private String oembed(String id) {
    String base = gateway.base();
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8);
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(r).getInteger("status")).isEqualTo(status);
  }

  @Test
  void removedPurgesEntryAndVariantsAndTheVeryNextRequestIs404Everywhere() throws Exception {
    String base = gateway.base();
    for (String path : new String[] {"/embed/t1", "/media/t1", "/embed/t1?theme=dark"}) {
      assertThat(Http.get(base + path).statusCode()).isEqualTo(200);
    }
    assertThat(Http.get(oembed("t1")).statusCode()).isEqualTo(200);
    assertThat(hook("media.removed", "t1").statusCode()).isEqualTo(204);
    assertProblem(Http.get(oembed("t1")), 404);
    assertProblem(Http.get(base + "/embed/t1"), 404);
    assertProblem(Http.get(base + "/embed/t1?theme=dark"), 404);
    assertProblem(Http.get(base + "/media/t1"), 404);
    // other ids are untouched
    assertThat(Http.get(base + "/embed/t2").statusCode()).isEqualTo(200);
  }

  @Test
  void removedReachesCachedPlaylistsThatListTheMember() throws Exception {
    String base = gateway.base();
    assertThat(Http.get(base + "/embed/p1").body()).contains("data-media-id=\"t1\"", "data-media-id=\"t2\"");
    assertThat(Http.get(oembed("p1")).statusCode()).isEqualTo(200);
    gateway.localHub().resetCounts();
    assertThat(hook("media.removed", "t1").statusCode()).isEqualTo(204);
    // the playlist's cached page is gone: it is fetched again, and the taken-down member is left out even though
    // this hub still lists it
    String page = Http.get(base + "/embed/p1").body();
    assertThat(gateway.localHub().requestCount("p1")).isEqualTo(1);
    assertThat(page).doesNotContain("data-media-id=\"t1\"").contains("data-media-id=\"t2\"", "data-media-id=\"v1\"");
    assertThat(Http.get(oembed("p1")).statusCode()).isEqualTo(200);
    assertThat(gateway.localHub().requestCount("p1")).isEqualTo(1);
  }

  @Test
  void updatedPurgesAndTheNextRequestRefetches() throws Exception {
    String base = gateway.base();
    assertThat(Http.get(base + "/embed/t1").statusCode()).isEqualTo(200);
    gateway.localHub().resetCounts();
    assertThat(Http.get(base + "/embed/t1").statusCode()).isEqualTo(200);
    assertThat(gateway.localHub().requestCount("t1")).isZero();
    assertThat(hook("media.updated", "t1", "t2").statusCode()).isEqualTo(204);
    assertThat(Http.get(base + "/embed/t1").statusCode()).isEqualTo(200);
    assertThat(gateway.localHub().requestCount("t1")).isEqualTo(1);
  }

  @Test
  void badOrMissingSignaturesAre401AndChangeNothing() throws Exception {
    String base = gateway.base();
    assertThat(Http.get(base + "/embed/t1").statusCode()).isEqualTo(200);
    byte[] body = "{\"event\":\"media.removed\",\"ids\":[\"t1\"]}".getBytes(StandardCharsets.UTF_8);
    String good = HubWebhookHandler.sign(SECRET, body);
    assertProblem(post(base + "/hooks/hub", body, null), 401);
    assertProblem(post(base + "/hooks/hub", body, HubWebhookHandler.sign("wrong", body)), 401);
    assertProblem(post(base + "/hooks/hub", body, good.replace("sha256=", "sha1=")), 401);
    assertProblem(post(base + "/hooks/hub", body, "sha256=zz"), 401);
    assertProblem(post(base + "/hooks/hub", body, good.substring(0, good.length() - 2)), 401);
    // the signature covers the raw bytes: a re-serialised body with the same meaning does not pass
    byte[] spaced = "{\"event\": \"media.removed\", \"ids\": [\"t1\"]}".getBytes(StandardCharsets.UTF_8);
    assertProblem(post(base + "/hooks/hub", spaced, good), 401);
    // two signature headers, whichever order the good one comes in: 400, nothing changes
    String bad = HubWebhookHandler.sign("wrong", body);
    for (String[] pair : new String[][] {{good, bad}, {bad, good}}) {
      HttpRequest twice = HttpRequest.newBuilder(URI.create(base + "/hooks/hub"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json")
          .header("X-Hub-Signature-256", pair[0]).header("X-Hub-Signature-256", pair[1]).build();
      HttpResponse<String> r = CLIENT.send(twice, HttpResponse.BodyHandlers.ofString());
      assertProblem(r, 400);
      assertThat(Http.json(r).getString("detail")).contains("more than once");
    }
    assertThat(Http.get(base + "/embed/t1").statusCode()).isEqualTo(200);
    // upper-case hex is the same signature
    assertThat(post(base + "/hooks/hub", body, "sha256=" + good.substring(7).toUpperCase()).statusCode()).isEqualTo(204);
  }

  @Test
  void malformedAndOversizedBodies() throws Exception {
    String base = gateway.base();
    for (String bad : new String[] {"not json", "[1,2]", "{\"event\":\"media.deleted\",\"ids\":[\"t1\"]}",
        "{\"event\":\"media.removed\",\"ids\":[]}", "{\"event\":\"media.removed\",\"ids\":[\"../x\"]}",
        "{\"event\":\"media.removed\",\"ids\":\"t1\"}", "{\"event\":\"media.removed\"}"}) {
      byte[] body = bad.getBytes(StandardCharsets.UTF_8);
      assertProblem(post(base + "/hooks/hub", body, HubWebhookHandler.sign(SECRET, body)), 400);
    }
    byte[] big = ("{\"event\":\"media.removed\",\"ids\":[\"t1\"],\"pad\":\"" + "x".repeat(2000) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    assertProblem(post(base + "/hooks/hub", big, HubWebhookHandler.sign(SECRET, big)), 413);
    assertProblem(Http.get(base + "/hooks/hub"), 405);
    HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/hooks/hub"))
        .POST(HttpRequest.BodyPublishers.ofString("a=%zz")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Hub-Signature-256", HubWebhookHandler.sign(SECRET, "a=%zz".getBytes(StandardCharsets.UTF_8))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertProblem(form, 415);
  }

  @Test
  void disabledWithoutASecret() throws Exception {
    Playgate plain = gateway.another(Map.of());
    byte[] body = "{\"event\":\"media.removed\",\"ids\":[\"t1\"]}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = post(plain.publicBaseUrl() + "/hooks/hub", body, HubWebhookHandler.sign("any", body));
    assertProblem(r, 404);
    assertThat(Http.json(r).getString("detail")).contains("hub.webhookSecret");
  }
}
