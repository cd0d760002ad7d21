package io.playgate.gateway.testing;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A blocking HTTP/1.1 client for tests (the JDK's), with a few assertions-friendly helpers. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private Http() {
  }

  /**
   * @param url absolute URL
   * @param headers name, value, name, value, …
   * @return the response with a String body
   */
  public static HttpResponse<String> get(String url, String... headers) {
    return send(request("GET", url, headers));
  }

  /**
   * @param method HTTP method
   * @param url absolute URL
   * @param headers name, value, …
   * @return the response with a String body
   */
  public static HttpResponse<String> send(String method, String url, String... headers) {
    return send(request(method, url, headers));
  }

  /**
   * @param url absolute URL
   * @param headers name, value, …
   * @return the pending response, for concurrent requests
   */
  public static CompletableFuture<HttpResponse<String>> getAsync(String url, String... headers) {
    return CLIENT.sendAsync(request("GET", url, headers), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * @param url absolute URL
   * @param headers name, value, …
   * @return the response with a byte[] body
   */
  public static HttpResponse<byte[]> getBytes(String url, String... headers) {
    try {
      return CLIENT.send(request("GET", url, headers), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param r a response
   * @return its body parsed as a JSON object
   */
  public static JsonObject json(HttpResponse<String> r) {
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

  private static HttpResponse<String> send(HttpRequest req) {
    try {
      return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
