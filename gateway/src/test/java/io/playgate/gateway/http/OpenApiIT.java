package io.playgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.playgate.gateway.app.Playgate;
import io.playgate.gateway.testing.ApiContract;
import io.playgate.gateway.takedown.HubWebhookHandler;
import io.playgate.gateway.testing.GatewayExtension;
import io.playgate.hub.simulator.FaultSettings;
import io.playgate.hub.simulator.HubFaults;
import io.playgate.widgets.WidgetAssets;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import io.playgate.gateway.testing.Supysonic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The served OpenAPI description tells the truth. A corpus of real requests to real gateways (test catalogue, port
 * 0) must reach every documented operation with every documented status, and every answer (and every request that
 * succeeded) must match the document the gateway serves at {@code /openapi.json}. A second gateway without a signing
 * or webhook secret gives the answers only such a gateway gives (501, 404); the embedded hub's fault injection gives
 * the hub's failures (502, 504). Every failing {@code GET} of a page is sent again as a browser would, and must
 * come back as the documented HTML error page; every 401 must carry {@code WWW-Authenticate}.
 */
class OpenApiIT {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ACME_KEY = "openapi-acme-key-0123456789";
  private static final String LIMITED_KEY = "openapi-limited-key-0123456789";
  private static final String SIGNING_SECRET = "openapi-signing-secret-0123456789";
  private static final String WEBHOOK_SECRET = "openapi-webhook-secret";
  /** 256 parameters: a malformed query string on any route (QueryParams.MAX_PARAMS). */
  private static final String TOO_MANY_PARAMS = "?" + "p=1&".repeat(256);
  private static final String NOBODY = "id-nobody-has";
  /** What a browser sends when it navigates to a page. */
  private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @RegisterExtension
  static final GatewayExtension GATEWAY = GatewayExtension.embedded()
      .with("partners.list", "[" + partner("acme", ACME_KEY, 1000) + ", " + partner("limited", LIMITED_KEY, 1) + "]")
      .with("partners.signingSecret", SIGNING_SECRET).with("hub.webhookSecret", WEBHOOK_SECRET)
      .with("hub.webhookMaxBodySize", "1KiB").with("hub.timeout", "1s").with("hub.breakerMaxFailures", "1000");

  /** A real Subsonic server for the media proxy's routes. */
  @RegisterExtension
  @Order(1)
  static final Supysonic SUPYSONIC = new Supysonic();

  /** {@code hub.mode: subsonic}: the media proxy's routes exist only there. */
  @RegisterExtension
  @Order(2)
  static final GatewayExtension SUBSONIC = GatewayExtension.embedded().with("hub.mode", "subsonic")
      .with("hub.subsonic.url", SUPYSONIC::url).with("hub.subsonic.user", Supysonic.USER)
      .with("hub.subsonic.password", Supysonic.PASSWORD).with("hub.subsonic.formats", "[\"opus\"]");

  /** A gateway without a signing or webhook secret: {@code /partner/sign} is 501 and {@code /hooks/hub} 404 there. */
  @RegisterExtension
  static final GatewayExtension BARE = GatewayExtension.embedded()
      .with("partners.list", "[" + partner("acme", ACME_KEY, 1000) + "]");

  private static Playgate gateway;
  private static Playgate bare;
  private static String base;
  private static ApiContract contract;
  private static final List<String> mismatches = new ArrayList<>();

  @BeforeAll
  static void readTheServedDocument() throws Exception {
    gateway = GATEWAY.playgate();
    bare = BARE.playgate();
    base = gateway.publicBaseUrl();
    HttpResponse<String> served = send("GET", base + "/openapi.json", null);
    assertThat(served.statusCode()).isEqualTo(200);
    JsonObject document = new JsonObject(served.body());
    assertThat(document.getJsonArray("servers").getJsonObject(0).getString("url")).isEqualTo(base);
    contract = ApiContract.of(document);
  }

  @Test
  void everyDocumentedAnswerHappensAndMatchesTheDocument() throws Exception {
    oembed();
    playerPages();
    sharePages();
    artwork();
    assetsHealthAndTheDocument();
    events();
    signedUrls();
    rateLimits();
    hubFailures();
    webhook();
    mediaProxy();
    assertThat(mismatches).as("answers that do not match the document, or the corpus's expectation").isEmpty();
    Set<String> missing = new TreeSet<>(contract.documented());
    missing.removeAll(contract.covered());
    assertThat(missing).as("documented answers the corpus never met").isEmpty();
  }

  private void oembed() {
    for (String id : List.of("t1", "t2", "hostile", "v1", "v2", "a1", "p1", "explicit1")) {
      get("/oembed", 200, oembed(id, ""));
      get("/oembed", 200, oembed(id, "&format=xml&maxwidth=640"));
    }
    get("/oembed", 200, oembed("t1", "&format=json&callback=cb.done"));
    get("/oembed", 200, oembed("t1", "&autoplay=1&start=30&theme=dark&color=FF5500&facade=1&dnt=1"
        + "&layout=large&maxwidth=400&maxheight=400"), "Authorization", "Bearer " + ACME_KEY);
    get("/oembed", 200, oembed("v1", "&maxheight=200&access_token=" + ACME_KEY));
    revalidate("/oembed", oembed("a1", ""));
    get("/oembed", 400, base + "/oembed?maxwidth=100");
    get("/oembed", 400, oembed("t1", "&maxwidth=0"));
    get("/oembed", 400, oembed("t1", "&maxwidth=5&maxwidth=5"));
    get("/oembed", 400, oembed("t1", "&theme=pink"));
    get("/oembed", 400, oembed("t1", "&callback=alert(1)"));
    get("/oembed", 400, base + "/oembed" + TOO_MANY_PARAMS);
    for (String id : List.of("private1", "unlisted1", "noembed", "geo1")) {
      get("/oembed", 401, oembed(id, ""));
    }
    get("/oembed", 401, oembed("t1", "&access_token=not-a-key"));
    get("/oembed", 404, oembed(NOBODY, ""));
    get("/oembed", 404, oembed("gone1", ""));
    get("/oembed", 404, base + "/oembed?url=" + enc("https://evil.example/media/t1"));
    get("/oembed", 404, oembed("t1", "&maxheight=79"));
    get("/oembed", 501, oembed("t1", "&format=yaml"));
    exchange("/oembed", 204, "OPTIONS", base + "/oembed", null);
    exchange("/oembed", 400, "OPTIONS", base + "/oembed" + TOO_MANY_PARAMS, null);
  }

  private void playerPages() {
    for (String id : List.of("t1", "v1", "a1", "p1", "amix", "rightsmix", "noembed", "geo1")) {
      get("/embed/{id}", 200, base + "/embed/" + id);
    }
    revalidate("/embed/{id}", base + "/embed/t1?autoplay=1&start=5&theme=light&color=00aa00&facade=1&dnt=1"
        + "&layout=compact");
    get("/embed/{id}", 200, base + "/embed/v1?partner=acme");
    get("/embed/{id}", 400, base + "/embed/t1?theme=pink");
    get("/embed/{id}", 400, base + "/embed/t1?partner=nobody");
    get("/embed/{id}", 400, base + "/embed/t1" + TOO_MANY_PARAMS);
    get("/embed/{id}", 401, base + "/embed/t1?access_token=not-a-key");
    get("/embed/{id}", 403, base + "/embed/private1");
    get("/embed/{id}", 403, base + "/embed/t1?exp=1&sig=" + "0".repeat(64));
    get("/embed/{id}", 404, base + "/embed/" + NOBODY);
    get("/embed/{id}", 404, base + "/embed/gone1");
    get("/embed/{id}", 404, base + "/embed/not.an.id");
  }

  private void sharePages() {
    for (String id : List.of("t1", "v1", "a1", "p1", "explicit1", "geo1")) {
      get("/media/{id}", 200, base + "/media/" + id);
    }
    revalidate("/media/{id}", base + "/media/v1?theme=dark");
    get("/media/{id}", 400, base + "/media/t1?color=red");
    get("/media/{id}", 401, base + "/media/private1");
    get("/media/{id}", 401, base + "/media/t1?access_token=not-a-key");
    get("/media/{id}", 404, base + "/media/" + NOBODY);
    get("/media/{id}", 404, base + "/media/gone1");
    // a browser gets an HTML page for a page's error, with the status and the 401's challenge; /oembed never does
    HttpResponse<String> errorPage = get("/media/{id}", 401, base + "/media/private1", "Accept", BROWSER_ACCEPT);
    assertThat(errorPage.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(errorPage.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"playgate\"");
    assertThat(errorPage.body()).contains("<html");
    get("/oembed", 404, oembed(NOBODY, ""), "Accept", BROWSER_ACCEPT);
    get("/", 200, base + "/");
    get("/", 400, base + "/" + TOO_MANY_PARAMS);
    get("/", 200, base + "/?page=1");
    get("/", 400, base + "/?page=0");
    get("/", 404, base + "/?page=999");
  }

  private void assetsHealthAndTheDocument() {
    revalidate("/embed.js", base + "/embed.js");
    get("/embed.js", 400, base + "/embed.js" + TOO_MANY_PARAMS);
    for (WidgetAssets.Asset asset : WidgetAssets.load().all()) {
      get("/widgets/{asset}", 200, base + asset.path());
    }
    get("/widgets/{asset}", 404, base + "/widgets/player.0000000000.css");
    get("/widgets/{asset}", 400, base + "/widgets/x.css" + TOO_MANY_PARAMS);
    for (String health : List.of("/health/live", "/health/ready")) {
      get(health, 200, base + health);
      get(health, 400, base + health + TOO_MANY_PARAMS);
    }
    revalidate("/openapi.json", base + "/openapi.json");
    get("/openapi.json", 400, base + "/openapi.json" + TOO_MANY_PARAMS);
    for (String icon : List.of("/favicon.ico", "/icon.svg", "/apple-touch-icon.png")) {
      revalidate(icon, base + icon);
      get(icon, 400, base + icon + TOO_MANY_PARAMS);
    }
  }

  private void events() {
    String event = "{\"v\": 1, \"media\": \"t1\", \"event\": \"play\", \"origin\": \"https://partner.example\"}";
    post("/events", 204, base + "/events", event, "Content-Type", "application/json");
    post("/events", 204, base + "/events", event, "Content-Type", "text/plain;charset=UTF-8");
    post("/events", 400, base + "/events", event.replace("play", "pause"), "Content-Type", "application/json");
    post("/events", 400, base + "/events", event.replace("t1", NOBODY), "Content-Type", "application/json");
    post("/events", 413, base + "/events", " ".repeat(2048) + event, "Content-Type", "application/json");
    post("/events", 415, base + "/events", event, "Content-Type", "text/html");
    post("/events", 401, base + "/events?access_token=not-a-key", event, "Content-Type", "application/json");
  }

  private void signedUrls() {
    String bearer = "Bearer " + ACME_KEY;
    HttpResponse<String> minted = post("/partner/sign", 200, base + "/partner/sign",
        "{\"id\": \"private1\", \"ttl\": \"1h\"}", "Content-Type", "application/json", "Authorization", bearer);
    get("/embed/{id}", 200, new JsonObject(minted.body()).getString("url"));
    post("/partner/sign", 200, base + "/partner/sign?access_token=" + ACME_KEY, "{\"id\": \"t1\", \"ttl\": 600}",
        "Content-Type", "application/json");
    post("/partner/sign", 400, base + "/partner/sign", "{\"id\": \"t1\", \"partner\": \"other\"}",
        "Content-Type", "application/json", "Authorization", bearer);
    post("/partner/sign", 401, base + "/partner/sign", "{\"id\": \"t1\"}", "Content-Type", "application/json");
    post("/partner/sign", 401, base + "/partner/sign", "{\"id\": \"t1\"}", "Content-Type", "application/json",
        "Authorization", "Bearer not-a-key");
    post("/partner/sign", 413, base + "/partner/sign", "{\"id\": \"t1\"}" + " ".repeat(5000),
        "Content-Type", "application/json", "Authorization", bearer);
    post("/partner/sign", 415, base + "/partner/sign", "{\"id\": \"t1\"}", "Content-Type", "text/plain",
        "Authorization", bearer);
    post("/partner/sign", 501, bare.publicBaseUrl() + "/partner/sign", "{\"id\": \"t1\"}",
        "Content-Type", "application/json", "Authorization", bearer);
  }

  /** The partner "limited" has one request per hour: its first succeeds, every rate-limited route then says 429. */
  private void artwork() {
    String path = "/artwork/{id}/{file}";
    revalidate(path, base + "/artwork/t1/card.jpg");
    get(path, 200, base + "/artwork/a1/card.png");
    get(path, 400, base + "/artwork/t1/card.jpg" + TOO_MANY_PARAMS);
    get(path, 404, base + "/artwork/" + NOBODY + "/300.jpg");
    get(path, 404, base + "/artwork/t1/601.jpg");
    get(path, 404, base + "/artwork/private1/card.jpg");
    // the test catalogue's artwork files are not images: the hub's artwork cannot be used
    get(path, 502, base + "/artwork/t1/300.jpg");
  }

  private void rateLimits() {
    String limited = "Bearer " + LIMITED_KEY;
    get("/oembed", 200, oembed("t2", ""), "Authorization", limited);
    get("/oembed", 429, oembed("t2", ""), "Authorization", limited);
    get("/embed/{id}", 429, base + "/embed/t2?access_token=" + LIMITED_KEY);
    get("/media/{id}", 429, base + "/media/t2", "Authorization", limited);
    get("/artwork/{id}/{file}", 429, base + "/artwork/t2/card.jpg", "Authorization", limited);
    post("/partner/sign", 429, base + "/partner/sign", "{\"id\": \"t2\"}", "Content-Type", "application/json",
        "Authorization", limited);
    post("/events", 429, base + "/events", "{\"v\": 1, \"media\": \"t2\", \"event\": \"play\", \"origin\": \"null\"}",
        "Content-Type", "application/json", "Authorization", limited);
  }

  /** Ids asked of the hub for the first time while it fails: 502 for an error, 504 past hub.timeout (1 s). */
  private void hubFailures() {
    HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withErrorRate(1.0, 500).withIds(Set.of("hostile")));
    try {
      // hostile was cached by the oEmbed corpus: evict it so the next request asks the hub
      gateway.cache().invalidate("hostile");
      get("/oembed", 502, oembed("hostile", ""));
      get("/embed/{id}", 502, base + "/embed/hostile");
      get("/media/{id}", 502, base + "/media/hostile");
      HubFaults.of(gateway.localHub()).set(FaultSettings.NONE.withLatency(Duration.ofSeconds(3)).withIds(Set.of("v2")));
      gateway.cache().invalidate("v2");
      get("/oembed", 504, oembed("v2", ""));
      get("/embed/{id}", 504, base + "/embed/v2");
      get("/media/{id}", 504, base + "/media/v2");
    } finally {
      HubFaults.of(gateway.localHub()).reset();
    }
  }

  private void webhook() {
    String body = "{\"event\": \"media.updated\", \"ids\": [\"t2\"]}";
    post("/hooks/hub", 204, base + "/hooks/hub", body, "Content-Type", "application/json",
        "X-Hub-Signature-256", HubWebhookHandler.sign(WEBHOOK_SECRET, bytes(body)));
    String bad = "{\"event\": \"media.renamed\", \"ids\": [\"t2\"]}";
    post("/hooks/hub", 400, base + "/hooks/hub", bad, "Content-Type", "application/json",
        "X-Hub-Signature-256", HubWebhookHandler.sign(WEBHOOK_SECRET, bytes(bad)));
    post("/hooks/hub", 401, base + "/hooks/hub", body, "Content-Type", "application/json",
        "X-Hub-Signature-256", HubWebhookHandler.sign("another secret", bytes(body)));
    post("/hooks/hub", 401, base + "/hooks/hub", body, "Content-Type", "application/json");
    String big = body.replace("}", ", \"pad\": \"" + "x".repeat(2048) + "\"}");
    post("/hooks/hub", 413, base + "/hooks/hub", big, "Content-Type", "application/json",
        "X-Hub-Signature-256", HubWebhookHandler.sign(WEBHOOK_SECRET, bytes(big)));
    post("/hooks/hub", 415, base + "/hooks/hub", body, "Content-Type", "text/plain",
        "X-Hub-Signature-256", HubWebhookHandler.sign(WEBHOOK_SECRET, bytes(body)));
    post("/hooks/hub", 404, bare.publicBaseUrl() + "/hooks/hub", body, "Content-Type", "application/json",
        "X-Hub-Signature-256", HubWebhookHandler.sign(WEBHOOK_SECRET, bytes(body)));
  }

  /** A 200, then a 304 for the same URL with its {@code ETag} in {@code If-None-Match}. */
  private static void revalidate(String template, String url) {
    String etag = get(template, 200, url).headers().firstValue("ETag").orElseThrow();
    get(template, 304, url, "If-None-Match", etag);
  }

  private static HttpResponse<String> get(String template, int status, String url, String... headers) {
    return exchange(template, status, "GET", url, null, headers);
  }

  private static HttpResponse<String> post(String template, int status, String url, String body, String... headers) {
    return exchange(template, status, "POST", url, body, headers);
  }

  /** The Subsonic media proxy: media, ranges, art, refusals, then the server stopped (502). */
  private void mediaProxy() throws Exception {
    String sub = SUBSONIC.playgate().publicBaseUrl();
    String song = "s-" + SUPYSONIC.songId("Feelings");
    String stream = "/subsonic/stream/{id}/{format}";
    String art = "/subsonic/art/{id}/{artId}";
    get("/oembed", 200, sub + "/oembed?url=" + enc(sub + "/media/" + song));
    String artUrl = SUBSONIC.cache().peek(song).artwork().get(0).url();
    get(stream, 200, sub + "/subsonic/stream/" + song + "/original");
    get(stream, 200, sub + "/subsonic/stream/" + song + "/opus");
    get(stream, 206, sub + "/subsonic/stream/" + song + "/original", "Range", "bytes=1000-1999");
    get(stream, 416, sub + "/subsonic/stream/" + song + "/original", "Range", "bytes=99999999-");
    get(stream, 403, sub + "/subsonic/stream/" + song + "/original?exp=1&sig=00ff");
    get(stream, 404, sub + "/subsonic/stream/" + song + "/flac");
    get(art, 200, artUrl);
    get(art, 403, artUrl + "?exp=1");
    get(art, 404, sub + "/subsonic/art/" + song + "/999");
    SUPYSONIC.stop();
    get(stream, 502, sub + "/subsonic/stream/" + song + "/original");
    get(art, 502, artUrl);
  }

  /** Sends one request of the corpus and checks its answer: the expected status, and the document. */
  private static HttpResponse<String> exchange(String template, int status, String method, String url, String body,
      String... headers) {
    HttpResponse<String> r = send(method, url, body, headers);
    String what = method + " " + url.replace(base, "").replace(bare.publicBaseUrl(), "[bare]") + " → " + r.statusCode();
    if (r.statusCode() != status) {
      mismatches.add(what + ", expected " + status + ": " + r.body());
    }
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      requestHeaders.put(headers[i], List.of(headers[i + 1]));
    }
    URI uri = r.request().uri();
    Map<String, List<String>> query = new QueryStringDecoder(uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        StandardCharsets.UTF_8, false).parameters();
    for (String error : contract.check(template, new ApiContract.Exchange(method, uri.getRawPath(), query,
        requestHeaders, body, r.statusCode(), r.headers().map(), r.body()))) {
      mismatches.add(what + ": " + error);
    }
    if (method.equals("GET") && status >= 400 && !template.equals("/oembed") && !requestHeaders.containsKey("Accept")) {
      // the same request from a browser navigating to the page: the problem as an HTML page, same status
      String[] browser = java.util.Arrays.copyOf(headers, headers.length + 2);
      browser[headers.length] = "Accept";
      browser[headers.length + 1] = BROWSER_ACCEPT;
      exchange(template, status, method, url, body, browser);
    }
    return r;
  }

  private static HttpResponse<String> send(String method, String url, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + url, e);
    }
  }

  private static String oembed(String id, String more) {
    return base + "/oembed?url=" + enc(base + "/media/" + id) + more;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String partner(String name, String key, int capacity) {
    String sha;
    try {
      sha = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(key)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    return "{\"name\": \"" + name + "\", \"keySha256\": \"" + sha + "\", \"rateLimit\": {\"capacity\": " + capacity
        + ", \"period\": \"1h\"}}";
  }
}
