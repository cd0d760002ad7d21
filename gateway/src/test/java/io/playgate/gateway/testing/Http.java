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

  /**
   * A raw HTTP/1.1 exchange over a socket, for request targets the JDK client refuses to send (bad escapes).
   *
   * @param baseUrl {@code http://host:port}
   * @param target the request target exactly as sent, e.g. {@code /oembed?url=%zz}
   * @return status, lower-cased header names to values, body
   */
  public static Raw raw(String baseUrl, String target) {
    URI uri = URI.create(baseUrl);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      String req = "GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      String[] head = all.substring(0, split).split("\r\n");
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < head.length; i++) {
        int c = head[i].indexOf(':');
        headers.put(head[i].substring(0, c).trim().toLowerCase(java.util.Locale.ROOT), head[i].substring(c + 1).trim());
      }
      return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, all.substring(split + 4));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param status HTTP status
   * @param headers lower-cased names
   * @param body the body as text
   */
  public record Raw(int status, java.util.Map<String, String> headers, String body) {
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
