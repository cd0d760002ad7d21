package io.playgate.hub.simulator;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The JDK's blocking HTTP/1.1 client for the simulator's tests (redirects off), and where the test catalogue is. */
final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {
  }

  /** @return the gateway's test catalogue (ids t1, t2, v1, p1, gone1, private1, …), which the hub tests share */
  static Path testCatalog() {
    Path root = Path.of(System.getProperty("playgate.root", "..")).toAbsolutePath();
    Path catalog = root.resolve("gateway/src/test/resources/test-catalog");
    if (!Files.isRegularFile(catalog.resolve("catalog.json"))) {
      throw new IllegalStateException("no test catalogue at " + catalog + " (set -Dplaygate.root to the repository)");
    }
    return catalog;
  }

  static HttpResponse<String> get(String url, String... headers) {
    return send("GET", url, headers);
  }

  static HttpResponse<String> send(String method, String url, String... headers) {
    try {
      return CLIENT.send(request(method, url, headers), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> getBytes(String url, String... headers) {
    try {
      return CLIENT.send(request("GET", url, headers), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  private static HttpRequest request(String method, String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }
}
