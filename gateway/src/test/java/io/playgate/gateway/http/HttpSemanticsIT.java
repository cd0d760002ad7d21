package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.playgate.gateway.takedown.HubWebhookHandler;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.gateway.testing.Http;
import io.playgate.gateway.testing.RawHttp;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 9110 details against a real gateway: a challenge on every 401 (§11.6.1), {@code HEAD} answers with the
 * {@code Content-Length} of their {@code GET} (§9.3.2), 505 for an HTTP version other than 1.0 and 1.1 (§15.6.6),
 * media types compared case-insensitively (§8.3.1), and one rule for JSON bodies on every route that reads one:
 * duplicate or unknown members are 400.
 */
class HttpSemanticsIT {

  private static final String KEY = "semantics-key-0123456789abcdef";
  private static final String WEBHOOK_SECRET = "a-webhook-secret-for-tests-0123456789";
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** RFC 9110 §11.6.1: {@code challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]}, with a realm here. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+ realm=\"[^\"]+\".*");
  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.embedded()
      .with("partners.list", HttpSemanticsIT::partners)
      .with("partners.signingSecret", "semantics-signing-secret-0123456789")
      .with("hub.webhookSecret", WEBHOOK_SECRET);
  private static String base;

  @BeforeAll
  static void base() {
    base = gateway.base();
  }

  /** @return one partner, acme, whose key is {@link #KEY} */
  private static String partners() {
    try {
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
      return "[{\"name\": \"acme\", \"keySha256\": \"" + sha + "\", \"rateLimit\": {\"capacity\": 1000, \"period\": \"1m\"}}]";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String oembed(String id) {
    return base + "/oembed?url=" + URLEncoder.encode(base + "/media/" + id, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> post(String path, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", contentType);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> hook(String contentType, String body) {
    return post("/hooks/hub", contentType, body, HubWebhookHandler.SIGNATURE_HEADER,
        HubWebhookHandler.sign(WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonObject assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.request().method() + " " + r.uri() + " " + r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
    return Http.json(r);
  }

  @Test
  void everyUnauthorizedAnswerCarriesAChallenge() {
    List<HttpResponse<String>> unauthorized = List.of(
        post("/partner/sign", "application/json", "{\"id\": \"t1\"}"),
        post("/partner/sign", "application/json", "{\"id\": \"t1\"}", "Authorization", "Bearer not-a-key"),
        Http.get(oembed("t1") + "&access_token=not-a-key"),
        Http.get(oembed("private1")),
        Http.get(oembed("unlisted1")),
        Http.get(oembed("noembed")),
        // territory-limited, and no country header is configured: unknown, denied
        Http.get(oembed("geo1")),
        Http.get(base + "/media/private1"),
        post("/hooks/hub", "application/json", "{\"event\":\"media.updated\",\"ids\":[\"t1\"]}",
            HubWebhookHandler.SIGNATURE_HEADER, "sha256=00"));
    for (HttpResponse<String> r : unauthorized) {
      assertProblem(r, 401);
      assertThat(r.headers().allValues("WWW-Authenticate")).as(r.uri().toString()).isNotEmpty()
          .allSatisfy(c -> assertThat(c).matches(CHALLENGE));
    }
    assertThat(unauthorized.get(1).headers().firstValue("WWW-Authenticate").orElseThrow())
        .isEqualTo("Bearer realm=\"playgate\", error=\"invalid_token\"");
    assertThat(unauthorized.get(3).headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"playgate\"");
    assertThat(unauthorized.get(unauthorized.size() - 1).headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("HMAC-SHA256 realm=");
  }

  @Test
  void headAnswersCarryTheContentLengthTheirGetWouldHave() {
    String page = Http.get(base + "/embed/t1").body();
    Matcher css = Pattern.compile("/widgets/[^\"]+\\.css").matcher(page);
    assertThat(css.find()).isTrue();
    for (String path : new String[] {"/", oembed("t1").substring(base.length()), oembed("t1").substring(base.length())
        + "&format=xml", "/embed/t1", "/embed/t1?theme=dark", "/media/t1", css.group(), "/embed.js", "/health/live",
        "/health/ready", "/hub/v1/media/t1", "/embed/nosuchid", "/no/such/path", "/oembed?url=x&maxwidth=abc",
        "/favicon.ico", "/icon.svg"}) {
      HttpResponse<byte[]> get = Http.getBytes(base + path);
      HttpResponse<String> head = Http.send("HEAD", base + path);
      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).as("HEAD " + path)
          .hasValue(Integer.toString(get.body().length));
      assertThat(get.headers().firstValue("Content-Length")).as("GET " + path)
          .hasValue(Integer.toString(get.body().length));
    }
    // no content, no length: 304 stays without one
    String etag = Http.get(base + "/embed/t1").headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> notModified = Http.send("HEAD", base + "/embed/t1", "If-None-Match", etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers().firstValue("Content-Length")).isEmpty();
  }

  /** Sends a request line with {@code version}; returns what came back before the server closed. */
  private static String requestLine(String version) throws IOException {
    return RawHttp.exchange(gateway.port(), "GET /health/live " + version + "\r\nHost: x\r\n\r\n").text();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP/2.5", "HTTP/3.0", "HTTP/2.0", "HTTP/0.9"})
  void anUnsupportedHttpVersionIs505WithAProblemBody(String version) throws Exception {
    String answer = requestLine(version);
    assertThat(answer).as(version).startsWith("HTTP/1.1 505 ");
    assertThat(answer.toLowerCase()).contains("content-type: application/problem+json").contains("connection: close");
    JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getInteger("status")).isEqualTo(505);
    assertThat(problem.getString("detail")).contains(version).contains("HTTP/1.1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http/1.1", "HTTP/1.10", "HTTP/11", "FOO/1.1"})
  void aMalformedHttpVersionIs400(String version) throws Exception {
    String answer = requestLine(version);
    assertThat(answer).as(version).matches("(?s)HTTP/1\\.[01] 400 .*");
    assertThat(answer).contains("HTTP-version");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/embed/x\u001b[31mRED\u001b[0m", "/embed/t\u0000x", "/nope\b\b\bOK", "/embed/s\u00ff",
      "/oembed?url=\u007f"})
  void aControlCharacterOrANonAsciiByteInTheTargetIs400(String target) throws Exception {
    String answer = RawHttp.exchange(gateway.port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").text();
    // refused while the request line is read, before there is a request: its status line may say HTTP/1.0
    assertThat(answer).matches("(?s)HTTP/1\\.[01] 400 .*");
    JsonObject problem = new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4));
    assertThat(problem.getString("detail")).contains("control character");
    assertThat(problem.containsKey("instance")).isFalse();
  }

  @Test
  void mediaTypesAreComparedCaseInsensitivelyOnEveryRouteThatReadsABody() {
    for (String type : new String[] {"APPLICATION/JSON", "Application/Json; Charset=UTF-8", "application/JSON ; x=y"}) {
      assertThat(post("/events", type, "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\"}")
          .statusCode()).as(type).isEqualTo(204);
      assertThat(post("/partner/sign", type, "{\"id\": \"t1\"}", "Authorization", "Bearer " + KEY).statusCode())
          .as(type).isEqualTo(200);
      assertThat(hook(type, "{\"event\":\"media.updated\",\"ids\":[\"t1\"]}").statusCode()).as(type).isEqualTo(204);
    }
    assertThat(post("/events", "TEXT/PLAIN", "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\"}")
        .statusCode()).isEqualTo(204);
    for (String path : new String[] {"/events", "/partner/sign", "/hooks/hub"}) {
      assertThat(assertProblem(post(path, "application/jsonx", "{}", "Authorization", "Bearer " + KEY), 415)
          .getString("detail")).contains("application/json");
      assertProblem(post(path, "application/x-www-form-urlencoded", "a=%zz", "Authorization", "Bearer " + KEY), 415);
    }
  }

  @Test
  void duplicateAndUnknownMembersAre400OnEveryRouteThatReadsJson() {
    String auth = "Bearer " + KEY;
    List<HttpResponse<String>> duplicates = List.of(
        post("/events", "application/json", "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\",\"v\":1}"),
        post("/events", "text/plain", "{\"v\":1,\"media\":\"t1\",\"media\":\"t2\",\"event\":\"play\",\"origin\":\"null\"}"),
        post("/partner/sign", "application/json", "{\"id\": \"t1\", \"id\": \"private1\"}", "Authorization", auth),
        hook("application/json", "{\"event\":\"media.updated\",\"ids\":[\"t1\"],\"event\":\"media.removed\"}"));
    for (HttpResponse<String> r : duplicates) {
      assertThat(assertProblem(r, 400).getString("detail")).as(r.uri().toString()).contains("given twice");
    }
    // at any depth, too
    assertThat(assertProblem(post("/partner/sign", "application/json", "{\"id\": \"t1\", \"ttl\": {\"a\": 1, \"a\": 2}}",
        "Authorization", auth), 400).getString("detail")).contains("'a' is given twice");
    List<HttpResponse<String>> unknown = List.of(
        post("/events", "application/json", "{\"v\":1,\"media\":\"t1\",\"event\":\"play\",\"origin\":\"null\",\"ip\":1}"),
        post("/partner/sign", "application/json", "{\"id\": \"t1\", \"partner\": \"other\"}", "Authorization", auth),
        hook("application/json", "{\"event\":\"media.updated\",\"ids\":[\"t1\"],\"note\":\"x\"}"));
    for (HttpResponse<String> r : unknown) {
      assertThat(assertProblem(r, 400).getString("detail")).as(r.uri().toString()).startsWith("unknown member '");
    }
    // and the well-formed bodies still work
    assertThat(hook("application/json", "{\"event\":\"media.updated\",\"ids\":[\"t1\"]}").statusCode()).isEqualTo(204);
    assertThat(post("/partner/sign", "application/json", "{\"id\": \"t1\", \"ttl\": \"1h\"}", "Authorization", auth)
        .statusCode()).isEqualTo(200);
  }
}
